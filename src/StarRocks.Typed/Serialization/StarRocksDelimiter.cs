using System.Text;

namespace StarRocks.Typed.Serialization;

/// <summary>
/// Converts CSV separators and delimiters between StarRocks header notation (<c>\x01</c>, <c>\x0D0A</c>, <c>\t</c>, <c>|</c>)
/// and the bytes written.
/// </summary>
internal static class StarRocksDelimiter
{
    /// <summary>
    /// Parses header notation: <c>\x</c> (or <c>\\x</c>) followed by hex byte pairs (<c>\x0D0A</c>), the shorthands
    /// <c>\t</c>, <c>\n</c>, <c>\r</c>, or a literal UTF-8 string (at most 50 bytes).
    /// </summary>
    /// <param name="notation">The separator as written in a Stream Load header or a configuration file.</param>
    /// <returns>The bytes it stands for.</returns>
    /// <exception cref="ArgumentException">Empty, longer than 50 bytes, or malformed hex.</exception>
    public static byte[] Parse(string notation)
    {
        ArgumentException.ThrowIfNullOrEmpty(notation);
        byte[] bytes;
        var hex = notation.StartsWith("\\x", StringComparison.OrdinalIgnoreCase) ? notation.AsSpan(2)
            : notation.StartsWith("\\\\x", StringComparison.OrdinalIgnoreCase) ? notation.AsSpan(3)
            : default;
        if (!hex.IsEmpty)
        {
            if (hex.Length % 2 != 0)
                throw new ArgumentException($"Malformed hex separator '{notation}': an even number of hex digits must follow \\x.", nameof(notation));
            try { bytes = Convert.FromHexString(hex); }
            catch (FormatException) { throw new ArgumentException($"Malformed hex separator '{notation}'.", nameof(notation)); }
        }
        else
        {
            bytes = notation switch
            {
                "\\t" => [(byte)'\t'],
                "\\n" => [(byte)'\n'],
                "\\r" => [(byte)'\r'],
                "\\r\\n" => [(byte)'\r', (byte)'\n'],
                _ => Encoding.UTF8.GetBytes(notation),
            };
        }
        if (bytes.Length is 0 or > 50)
            throw new ArgumentException($"Separator '{notation}' must be 1 to 50 bytes.", nameof(notation));
        return bytes;
    }

    /// <summary>
    /// Formats bytes as header notation: printable ASCII other than backslash as is (<c>,</c>, <c>|</c>),
    /// anything else as <c>\x</c> plus hex pairs (<c>\x09</c>, <c>\x0D0A</c>), which StarRocks decodes.
    /// </summary>
    /// <param name="bytes">The separator bytes.</param>
    /// <returns>The header value.</returns>
    public static string Format(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is < 0x21 or > 0x7E || b == (byte)'\\')
                return "\\x" + Convert.ToHexString(bytes);
        }
        return Encoding.ASCII.GetString(bytes);
    }
}
