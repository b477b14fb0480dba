namespace StarRocks.Typed.Serialization;

/// <summary>
/// How a CSV text field that contains special bytes (or is the literal <c>\N</c>) is written: enclosed, escaped or
/// rejected. See docs/serialization.md, "CSV rules".
/// </summary>
internal static class CsvFieldRules
{
    /// <summary>Whether <paramref name="text"/> is exactly <c>\N</c>, which StarRocks reads as NULL.</summary>
    public static bool IsNullMarker(ReadOnlySpan<byte> text) => text.Length == 2 && text[0] == (byte)'\\' && text[1] == (byte)'N';

    /// <summary>Writes <paramref name="text"/> (which sits in the buffer's free space) with the format's rules.</summary>
    public static void WriteSpecial(ref Utf8Buffer buffer, ReadOnlySpan<byte> text, CsvFormat format, string column)
        => throw new NotImplementedException();
}
