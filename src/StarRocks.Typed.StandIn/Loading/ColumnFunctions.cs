using System.Globalization;
using System.Text;

namespace StarRocks.Typed.StandIn.Loading;

/// <summary>
/// The functions the stand-in evaluates in <c>columns</c> expressions: the ones the library emits (<c>from_base64</c>),
/// the BITMAP/HLL constructors (<c>to_bitmap</c>, <c>bitmap_from_string</c>, <c>bitmap_empty</c>, <c>bitmap_hash</c>,
/// <c>hll_hash</c>, <c>hll_empty</c>) and the common scalar functions of StarRocks's Stream Load examples
/// (<c>docs/en/sql-reference/sql-statements/loading_unloading/STREAM_LOAD.md</c>, names as in
/// <c>fe/fe-core/src/main/java/com/starrocks/catalog/FunctionSet.java</c>). Behaviour follows StarRocks's functions:
/// NULL in, NULL out unless noted; a value a function cannot read gives NULL.
/// </summary>
public static class ColumnFunctions
{
    /// <summary>A function: its result type name (as the analyzer prints it), argument counts and evaluation.</summary>
    public sealed record Function(string Name, string ResultType, int MinArguments, int MaxArguments, Func<object?[], ExpressionContext, object?> Evaluate);

    private static readonly Dictionary<string, Function> Functions = new Function[]
    {
        new("from_base64", "varbinary", 1, 1, (a, _) => a[0] is null ? null : FromBase64(Text(a[0])!)),
        new("to_bitmap", "bitmap", 1, 1, (a, _) => a[0] is null ? null : ToBitmap(Text(a[0])!)),
        new("bitmap_from_string", "bitmap", 1, 1, (a, _) => a[0] is null ? null : BitmapFromString(Text(a[0])!)),
        new("bitmap_empty", "bitmap", 0, 0, (_, _) => new SetValue([], IsHll: false)),
        new("bitmap_hash", "bitmap", 1, 1, (a, _) => new SetValue(a[0] is null ? [] : [Murmur.Hash32(Bytes(a[0]))], IsHll: false)),
        new("hll_hash", "hll", 1, 1, (a, _) => new SetValue(a[0] is null ? [] : [Murmur.Hash64A(Bytes(a[0]))], IsHll: true)),
        new("hll_empty", "hll", 0, 0, (_, _) => new SetValue([], IsHll: true)),
        new("if", "varchar", 3, 3, (a, _) => ExpressionValues.ToBoolean(a[0]) == true ? a[1] : a[2]),
        new("ifnull", "varchar", 2, 2, (a, _) => a[0] ?? a[1]),
        new("nullif", "varchar", 2, 2, (a, _) => ExpressionValues.Compare("=", a[0], a[1]) is true ? null : a[0]),
        new("coalesce", "varchar", 1, int.MaxValue, (a, _) => a.FirstOrDefault(v => v is not null)),
        new("concat", "varchar", 1, int.MaxValue, (a, _) => a.Any(v => v is null) ? null : string.Concat(a.Select(Text))),
        new("concat_ws", "varchar", 2, int.MaxValue, (a, _) => a[0] is null ? null : string.Join(Text(a[0]), a.Skip(1).Where(v => v is not null).Select(Text))),
        new("upper", "varchar", 1, 1, (a, _) => Text(a[0])?.ToUpperInvariant()),
        new("ucase", "varchar", 1, 1, (a, _) => Text(a[0])?.ToUpperInvariant()),
        new("lower", "varchar", 1, 1, (a, _) => Text(a[0])?.ToLowerInvariant()),
        new("lcase", "varchar", 1, 1, (a, _) => Text(a[0])?.ToLowerInvariant()),
        new("trim", "varchar", 1, 1, (a, _) => Text(a[0])?.Trim(' ')),
        new("ltrim", "varchar", 1, 1, (a, _) => Text(a[0])?.TrimStart(' ')),
        new("rtrim", "varchar", 1, 1, (a, _) => Text(a[0])?.TrimEnd(' ')),
        new("substr", "varchar", 2, 3, (a, _) => Substring(a)),
        new("substring", "varchar", 2, 3, (a, _) => Substring(a)),
        new("left", "varchar", 2, 2, (a, _) => Text(a[0]) is { } s && ExpressionValues.ToLong(a[1]) is { } n ? new string([.. s.EnumerateRunes().Take((int)Math.Max(0, n)).SelectMany(r => r.ToString())]) : null),
        new("replace", "varchar", 3, 3, (a, _) => a.Any(v => v is null) ? null : Text(a[1])!.Length == 0 ? Text(a[0]) : Text(a[0])!.Replace(Text(a[1])!, Text(a[2]), StringComparison.Ordinal)),
        new("length", "int(11)", 1, 1, (a, _) => Text(a[0]) is { } s ? (long)Encoding.UTF8.GetByteCount(s) : null),
        new("char_length", "int(11)", 1, 1, (a, _) => Text(a[0]) is { } s ? (long)s.EnumerateRunes().Count() : null),
        new("abs", "double", 1, 1, (a, _) => a[0] is long l ? Math.Abs(l) : ExpressionValues.ToDouble(a[0]) is { } d ? Math.Abs(d) : null),
        new("floor", "bigint(20)", 1, 1, (a, _) => ExpressionValues.ToDouble(a[0]) is { } d ? (long)Math.Floor(d) : null),
        new("ceil", "bigint(20)", 1, 1, (a, _) => ExpressionValues.ToDouble(a[0]) is { } d ? (long)Math.Ceiling(d) : null),
        new("round", "double", 1, 2, (a, _) => Round(a)),
        new("now", "datetime", 0, 0, (_, c) => c.Now),
        new("current_timestamp", "datetime", 0, 0, (_, c) => c.Now),
        new("curdate", "date", 0, 0, (_, c) => c.Now.Date),
        new("current_date", "date", 0, 0, (_, c) => c.Now.Date),
        new("str_to_date", "datetime", 2, 2, (a, _) => a[0] is null || a[1] is null ? null : DateFormats.Parse(Text(a[0])!, Text(a[1])!)),
        new("date_format", "varchar", 2, 2, (a, _) => ExpressionValues.ToDateTime(a[0]) is { } d && a[1] is not null ? DateFormats.Format(d, Text(a[1])!) : null),
        new("from_unixtime", "varchar", 1, 2, (a, _) => FromUnixTime(a)),
        new("unix_timestamp", "bigint(20)", 1, 1, (a, _) => ExpressionValues.ToDateTime(a[0]) is { } d ? (long)(d.ToUniversalTime() - DateTime.UnixEpoch).TotalSeconds : null),
        new("to_date", "date", 1, 1, (a, _) => ExpressionValues.ToDateTime(a[0])?.Date),
        new("year", "smallint(6)", 1, 1, (a, _) => ExpressionValues.ToDateTime(a[0]) is { } d ? (long)d.Year : null),
        new("month", "tinyint(4)", 1, 1, (a, _) => ExpressionValues.ToDateTime(a[0]) is { } d ? (long)d.Month : null),
        new("day", "tinyint(4)", 1, 1, (a, _) => ExpressionValues.ToDateTime(a[0]) is { } d ? (long)d.Day : null),
    }.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The function <paramref name="name"/> taking <paramref name="arguments"/> arguments, or null.</summary>
    public static Function? Find(string name, int arguments) =>
        Functions.TryGetValue(name, out var function) && arguments >= function.MinArguments && arguments <= function.MaxArguments ? function : null;

    private static string? Text(object? value) => ExpressionValues.ToText(value);

    private static byte[] Bytes(object? value) => value as byte[] ?? Encoding.UTF8.GetBytes(Text(value) ?? "");

    /// <summary><c>from_base64</c>: the decoded bytes, NULL for text that is no base64.</summary>
    private static byte[]? FromBase64(string text)
    {
        var bytes = new byte[text.Length * 3 / 4 + 3];
        return Convert.TryFromBase64String(text, bytes, out var written) ? bytes[..written] : null;
    }

    /// <summary><c>to_bitmap</c>: one unsigned 64-bit value; anything else fails the row as StarRocks's function does.</summary>
    private static SetValue ToBitmap(string text)
    {
        if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            throw new ExpressionException($"The input: {text} is not valid, to_bitmap only support bigint value from 0 to 18446744073709551615 currently");
        return new SetValue([value], IsHll: false);
    }

    /// <summary><c>bitmap_from_string</c>: comma-separated unsigned 64-bit values; NULL when one is not.</summary>
    private static SetValue? BitmapFromString(string text)
    {
        var members = new SortedSet<ulong>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!ulong.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                return null;
            members.Add(value);
        }
        return new SetValue(members, IsHll: false);
    }

    /// <summary><c>substr(s, pos[, len])</c>: 1-based character positions, negative from the end; empty when out of range.</summary>
    private static string? Substring(object?[] a)
    {
        if (Text(a[0]) is not { } s || ExpressionValues.ToLong(a[1]) is not { } position)
            return null;
        long? length = a.Length > 2 ? ExpressionValues.ToLong(a[2]) : long.MaxValue;
        if (length is null)
            return null;
        var runes = s.EnumerateRunes().ToArray();
        var start = position > 0 ? position - 1 : position < 0 ? runes.Length + position : -1;
        if (start < 0 || start >= runes.Length || length <= 0)
            return "";
        var count = (int)Math.Min(length.Value, runes.Length - start);
        return string.Concat(runes.Skip((int)start).Take(count).Select(r => r.ToString()));
    }

    private static object? Round(object?[] a)
    {
        if (ExpressionValues.ToDouble(a[0]) is not { } value)
            return null;
        if (a.Length == 1)
            return (long)Math.Round(value, MidpointRounding.AwayFromZero);
        return ExpressionValues.ToLong(a[1]) is { } digits ? Math.Round(value, (int)Math.Clamp(digits, 0, 15), MidpointRounding.AwayFromZero) : null;
    }

    private static string? FromUnixTime(object?[] a)
    {
        if (ExpressionValues.ToLong(a[0]) is not { } seconds || seconds < 0)
            return null;
        var time = DateTime.UnixEpoch.AddSeconds(seconds).ToLocalTime();
        return a.Length > 1 ? a[1] is null ? null : DateFormats.Format(time, Text(a[1])!) : time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }
}

/// <summary>MySQL-style date formats (<c>%Y-%m-%d %H:%i:%s</c>) for <c>str_to_date</c> and <c>date_format</c>.</summary>
internal static class DateFormats
{
    public static string Format(DateTime time, string format)
    {
        var result = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 == format.Length)
            {
                result.Append(format[i]);
                continue;
            }
            var c = format[++i];
            result.Append(c switch
            {
                'Y' => time.Year.ToString("D4", CultureInfo.InvariantCulture),
                'y' => (time.Year % 100).ToString("D2", CultureInfo.InvariantCulture),
                'm' => time.Month.ToString("D2", CultureInfo.InvariantCulture),
                'c' => time.Month.ToString(CultureInfo.InvariantCulture),
                'd' => time.Day.ToString("D2", CultureInfo.InvariantCulture),
                'e' => time.Day.ToString(CultureInfo.InvariantCulture),
                'H' => time.Hour.ToString("D2", CultureInfo.InvariantCulture),
                'k' => time.Hour.ToString(CultureInfo.InvariantCulture),
                'h' or 'I' => ((time.Hour + 11) % 12 + 1).ToString("D2", CultureInfo.InvariantCulture),
                'l' => ((time.Hour + 11) % 12 + 1).ToString(CultureInfo.InvariantCulture),
                'i' => time.Minute.ToString("D2", CultureInfo.InvariantCulture),
                's' or 'S' => time.Second.ToString("D2", CultureInfo.InvariantCulture),
                'f' => (time.Ticks % TimeSpan.TicksPerSecond / 10).ToString("D6", CultureInfo.InvariantCulture),
                'p' => time.Hour < 12 ? "AM" : "PM",
                'T' => time.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
                'r' => time.ToString("hh:mm:ss tt", CultureInfo.InvariantCulture),
                'M' => time.ToString("MMMM", CultureInfo.InvariantCulture),
                'b' => time.ToString("MMM", CultureInfo.InvariantCulture),
                'W' => time.ToString("dddd", CultureInfo.InvariantCulture),
                'a' => time.ToString("ddd", CultureInfo.InvariantCulture),
                'j' => time.DayOfYear.ToString("D3", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }
        return result.ToString();
    }

    /// <summary>Reads <paramref name="text"/> by <paramref name="format"/>; null when it does not match.</summary>
    public static DateTime? Parse(string text, string format)
    {
        int year = 1, month = 1, day = 1, hour = 0, minute = 0, second = 0, micro = 0;
        bool pm = false, twelveHour = false;
        var position = 0;
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 == format.Length)
            {
                if (position >= text.Length || text[position] != format[i])
                    return null;
                position++;
                continue;
            }
            var c = format[++i];
            switch (c)
            {
                case 'Y': if (!Digits(text, ref position, 4, out year)) return null; break;
                case 'y': if (!Digits(text, ref position, 2, out var y2)) return null; year = y2 < 70 ? 2000 + y2 : 1900 + y2; break;
                case 'm' or 'c': if (!Digits(text, ref position, 2, out month)) return null; break;
                case 'd' or 'e': if (!Digits(text, ref position, 2, out day)) return null; break;
                case 'H' or 'k': if (!Digits(text, ref position, 2, out hour)) return null; break;
                case 'h' or 'I' or 'l': if (!Digits(text, ref position, 2, out hour)) return null; twelveHour = true; break;
                case 'i': if (!Digits(text, ref position, 2, out minute)) return null; break;
                case 's' or 'S': if (!Digits(text, ref position, 2, out second)) return null; break;
                case 'f':
                    var start = position;
                    if (!Digits(text, ref position, 6, out micro)) return null;
                    for (var n = position - start; n < 6; n++) micro *= 10;
                    break;
                case 'p':
                    if (position + 2 > text.Length) return null;
                    pm = text.Substring(position, 2).Equals("PM", StringComparison.OrdinalIgnoreCase);
                    position += 2;
                    break;
                case 'T':
                    if (Parse(text[position..Math.Min(text.Length, position + 8)], "%H:%i:%s") is not { } t) return null;
                    (hour, minute, second) = (t.Hour, t.Minute, t.Second);
                    position += 8;
                    break;
                default:
                    if (position >= text.Length || text[position] != c) return null;
                    position++;
                    break;
            }
        }
        if (twelveHour)
            hour = hour % 12 + (pm ? 12 : 0);
        try
        {
            return new DateTime(year, month, day, hour, minute, second).AddTicks(micro * 10L);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Reads 1 to <paramref name="max"/> digits.</summary>
    private static bool Digits(string text, ref int position, int max, out int value)
    {
        value = 0;
        var start = position;
        while (position < text.Length && position - start < max && char.IsAsciiDigit(text[position]))
            value = value * 10 + (text[position++] - '0');
        return position > start;
    }
}

/// <summary>
/// The hashes StarRocks's BE uses (<c>be/src/util/hash_util.hpp</c>): <c>bitmap_hash</c> adds MurmurHash3 x86 32-bit
/// with <c>MURMUR3_32_SEED</c> 104729 (<c>be/src/exprs/bitmap_functions.cpp</c>); <c>hll_hash</c> feeds its HLL with
/// MurmurHash64A seeded with <c>MURMUR_SEED</c> 0xadc83b19. The stand-in keeps those 64-bit hashes as the HLL's
/// members (StarRocks keeps registers built from them), so equal inputs give one member.
/// </summary>
public static class Murmur
{
    /// <summary>StarRocks's <c>MURMUR3_32_SEED</c>.</summary>
    public const uint Murmur3Seed = 104729;
    private const ulong Murmur64ASeed = 0xadc83b19;

    /// <summary>MurmurHash3 x86 32-bit.</summary>
    public static uint Hash32(ReadOnlySpan<byte> data, uint seed = Murmur3Seed)
    {
        const uint c1 = 0xcc9e2d51, c2 = 0x1b873593;
        var h = seed;
        var blocks = data.Length / 4;
        for (var i = 0; i < blocks; i++)
        {
            var k = BitConverter.ToUInt32(data.Slice(i * 4, 4));
            k = uint.RotateLeft(k * c1, 15) * c2;
            h = uint.RotateLeft(h ^ k, 13) * 5 + 0xe6546b64;
        }
        uint tail = 0;
        var rest = data[(blocks * 4)..];
        for (var i = rest.Length - 1; i >= 0; i--)
            tail = (tail << 8) | rest[i];
        if (rest.Length > 0)
            h ^= uint.RotateLeft(tail * c1, 15) * c2;
        h ^= (uint)data.Length;
        h ^= h >> 16; h *= 0x85ebca6b; h ^= h >> 13; h *= 0xc2b2ae35; h ^= h >> 16;
        return h;
    }

    /// <summary>MurmurHash64A with StarRocks's <c>MURMUR_SEED</c>.</summary>
    public static ulong Hash64A(ReadOnlySpan<byte> data)
    {
        const ulong m = 0xc6a4a7935bd1e995;
        const int r = 47;
        var h = Murmur64ASeed ^ ((ulong)data.Length * m);
        var blocks = data.Length / 8;
        for (var i = 0; i < blocks; i++)
        {
            var k = BitConverter.ToUInt64(data.Slice(i * 8, 8));
            k *= m; k ^= k >> r; k *= m;
            h ^= k; h *= m;
        }
        var rest = data[(blocks * 8)..];
        if (rest.Length > 0)
        {
            for (var i = rest.Length - 1; i >= 0; i--)
                h ^= (ulong)rest[i] << (8 * i);
            h *= m;
        }
        h ^= h >> r; h *= m; h ^= h >> r;
        return h;
    }
}
