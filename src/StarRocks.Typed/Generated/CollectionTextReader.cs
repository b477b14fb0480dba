using System.ComponentModel;
using System.Text;

namespace StarRocks.Typed.Generated;

/// <summary>
/// A tokenizer over the text of a StarRocks ARRAY or MAP value as the MySQL protocol returns it: JSON-like, with
/// <c>"</c>- or <c>'</c>-quoted strings (backslash escapes), unquoted scalars and <c>null</c>, and MAP keys that may be
/// unquoted (<c>{1:"a"}</c>). Element readers (<see cref="IValueReader{T}"/>) call it.
/// </summary>
/// <remarks>This API is for use by the output of the StarRocks.Typed source generator and should not be called directly.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct CollectionTextReader
{
    private readonly ReadOnlySpan<char> _text;
    private int _pos;

    /// <summary>Creates a reader over <paramref name="text"/>.</summary>
    /// <param name="text">The value text.</param>
    public CollectionTextReader(ReadOnlySpan<char> text) => _text = text;

    /// <summary>Whether only whitespace is left.</summary>
    public bool AtEnd
    {
        get { SkipWhitespace(); return _pos >= _text.Length; }
    }

    /// <summary>Consumes <c>null</c> (or <c>NULL</c>) if it comes next.</summary>
    /// <returns>Whether a null was consumed.</returns>
    public bool TryReadNull()
    {
        SkipWhitespace();
        var rest = _text[_pos..];
        if (rest.Length >= 4 && rest[..4].Equals("null", StringComparison.OrdinalIgnoreCase)
            && (rest.Length == 4 || rest[4] is ',' or ']' or '}' or ':' or ' '))
        {
            _pos += 4;
            return true;
        }
        return false;
    }

    /// <summary>Reads an unquoted scalar (number, boolean) or a quoted string's content (unescaped when needed).</summary>
    /// <returns>The token text.</returns>
    public ReadOnlySpan<char> ReadScalar()
    {
        SkipWhitespace();
        if (_pos >= _text.Length) throw Error("a value");
        char c = _text[_pos];
        if (c is '"' or '\'') return ReadQuoted(c);
        int start = _pos;
        while (_pos < _text.Length && _text[_pos] is not (',' or ']' or '}' or ':')) _pos++;
        return _text[start.._pos].TrimEnd();
    }

    /// <summary>Consumes <paramref name="expected"/> (after whitespace) or throws.</summary>
    /// <param name="expected">The punctuation expected: <c>[</c>, <c>]</c>, <c>{</c>, <c>}</c>, <c>:</c> or <c>,</c>.</param>
    public void Expect(char expected)
    {
        if (!TryConsume(expected)) throw Error($"'{expected}'");
    }

    /// <summary>Consumes <paramref name="c"/> if it comes next (after whitespace).</summary>
    /// <param name="c">The punctuation.</param>
    /// <returns>Whether it was consumed.</returns>
    public bool TryConsume(char c)
    {
        SkipWhitespace();
        if (_pos < _text.Length && _text[_pos] == c) { _pos++; return true; }
        return false;
    }

    /// <summary>Reads one complete nested value (object, array, string or scalar) and returns its raw text.</summary>
    /// <returns>The raw text, quotes included.</returns>
    public ReadOnlySpan<char> ReadRaw()
    {
        SkipWhitespace();
        int start = _pos, depth = 0;
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (c is '"' or '\'') { ReadQuoted(c); continue; }
            if (c is '[' or '{') depth++;
            else if (c is ']' or '}') { if (depth == 0) break; depth--; }
            else if ((c is ',' or ':') && depth == 0) break;
            _pos++;
            if (depth == 0 && c is ']' or '}') break;
        }
        return _text[start.._pos].TrimEnd();
    }

    private ReadOnlySpan<char> ReadQuoted(char quote)
    {
        int start = ++_pos;
        bool escaped = false;
        while (_pos < _text.Length && _text[_pos] != quote)
        {
            if (_text[_pos] == '\\') { escaped = true; _pos++; }
            _pos++;
        }
        if (_pos >= _text.Length) throw Error("a closing quote");
        var content = _text[start.._pos];
        _pos++;
        return escaped ? Unescape(content) : content;
    }

    private static string Unescape(ReadOnlySpan<char> content)
    {
        var text = new StringBuilder(content.Length);
        for (int i = 0; i < content.Length; i++)
        {
            char c = content[i];
            if (c != '\\' || i + 1 >= content.Length) { text.Append(c); continue; }
            c = content[++i];
            switch (c)
            {
                case 'n': text.Append('\n'); break;
                case 't': text.Append('\t'); break;
                case 'r': text.Append('\r'); break;
                case 'b': text.Append('\b'); break;
                case 'f': text.Append('\f'); break;
                case '0': text.Append('\0'); break;
                case 'u' when i + 4 < content.Length && ushort.TryParse(content.Slice(i + 1, 4), System.Globalization.NumberStyles.HexNumber, null, out var code):
                    text.Append((char)code);
                    i += 4;
                    break;
                default: text.Append(c); break;
            }
        }
        return text.ToString();
    }

    private void SkipWhitespace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
    }

    private readonly FormatException Error(string expected)
        => new($"Expected {expected} at position {_pos} of the collection text '{_text.ToString()}'.");
}
