using System.Collections.Immutable;
using System.Numerics;
using System.Text.Json;

namespace StarRocks.Typed.Tests.RoundTrip;

/// <summary>A value the writer must refuse up front: the column it names and a phrase of the reason it gives.</summary>
public sealed record Refusal(string Column, string Reason);

/// <summary>
/// One value class of the round-trip suite: an ordinary row with one member (or a few related ones) set to edge values.
/// Unless a refusal is given for the format, the row must come back equal.
/// </summary>
/// <param name="Name">The test case's name.</param>
/// <param name="Edit">Sets the edge values on the ordinary row.</param>
/// <param name="InCsv">The refusal expected in CSV, or null when the row must round-trip.</param>
/// <param name="InJson">The refusal expected in JSON, or null when the row must round-trip.</param>
public sealed record RoundTripCase(string Name, Func<RoundTripRow, RoundTripRow> Edit, Refusal? InCsv = null, Refusal? InJson = null)
{
    public Refusal? RefusalIn(string format) => format == "csv" ? InCsv : InJson;
}

/// <summary>The value classes of the round-trip suite (docs/serialization.md lists the CSV refusals asserted here).</summary>
public static class RoundTripCases
{
    private static readonly Refusal CsvNullText = new("text", "no spelling of the string \\N reads back as anything but NULL");

    /// <summary>
    /// A row of ordinary values for every member: non-null everywhere (NULL is its own case), and no text that needs
    /// quoting in any format (collections of strings, dates and maps are empty, JSON holds no strings), so that each
    /// case tests only its own value class.
    /// </summary>
    public static RoundTripRow Ordinary(long id) => new()
    {
        Id = id,
        Flag = true,
        MaybeFlag = false,
        Tiny = 7,
        Octet = 200,
        Small = -300,
        UShort = 60_000,
        Int = -123_456,
        UInt = 4_000_000_000,
        Long = 9_000_000_000,
        MaybeLong = -1,
        ULong = 18_000_000_000_000_000_000,
        Huge = Int128.Parse("-12345678901234567890123", System.Globalization.CultureInfo.InvariantCulture),
        Single = 1.5f,
        Double = 0.1,
        MaybeDouble = -2.25,
        Money = 1234.5m,
        Rate = 0.0825m,
        Text = "plain text",
        MaybeText = "maybe",
        Short20 = "short",
        Code = "AB",
        Day = new DateOnly(2024, 2, 29),
        At = new DateTime(2024, 2, 29, 13, 14, 15),
        MaybeAt = new DateTime(2000, 1, 1),
        Stamp = new DateTimeOffset(2024, 2, 29, 13, 14, 15, TimeSpan.Zero),
        Uid = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
        Color = RoundTripColor.Green,
        Size = RoundTripSize.Medium,
        MaybeSize = RoundTripSize.Small,
        Document = Json("[1,2.5]"),
        JsonText = "[3]",
        Numbers = [1, 2, 3],
        Names = [],
        Sparse = [10, 20],
        Days = [],
        Nested = [[1], [2, 3]],
        Sizes = [RoundTripSize.Small, RoundTripSize.ExtraLarge],
        Counts = [],
        Labels = new Dictionary<int, string>(),
        Tags = [1, 2],
        TagNames = new HashSet<string>(),
        TagIds = new HashSet<long> { 5 },
        Totals = new SortedDictionary<string, long>(),
        Notes = ImmutableDictionary<int, string?>.Empty,
        UnsignedHuge = UInt128.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture),
        Big = BigInteger.Parse("-98765432109876543210", System.Globalization.CultureInfo.InvariantCulture),
        MaybeBig = 42,
        Half = (Half)1.5f,
        Halves = [(Half)0.25f],
        Bigs = [1, null],
        UnsignedHuges = [7],
        Clock = new TimeOnly(13, 14, 15),
        Elapsed = TimeSpan.FromMinutes(90),
        Clocks = [new TimeOnly(8, 0)],
        Durations = [],
        Letter = 'a',
        MaybeLetter = 'b',
        Letters = [],
        JsonDocument = JsonDocument.Parse("[1]"),
        JsonNode = System.Text.Json.Nodes.JsonNode.Parse("2"),
        JsonObject = new() { ["n"] = 3 },
        Access = RoundTripAccess.Read,
        Accesses = [RoundTripAccess.None],
        ReturnFlag = "N",
        Label10 = "label",
    };

    /// <summary>Every case, by name.</summary>
    public static IReadOnlyList<RoundTripCase> All { get; } =
    [
        // strings: quotes, separators, newlines, \N-like text, empty, emoji, NUL
        Text("string: quote at start", "\"starts with a quote"),
        Text("string: quote in the middle", "say \"hi\" now"),
        Text("string: quote at end", "ends with a quote\""),
        Text("string: a lone quote", "\""),
        Text("string: only quotes", "\"\"\""),
        Text("string: tab separator", "a\tb\t"),
        Text("string: newline and CRLF", "line 1\nline 2\r\nline 3\r"),
        Text("string: quotes with tab and newline", "x \"q\"\t\"r\"\ny"),
        Text("string: quote at start with a tab", "\"quoted\"\tthen tab"),
        new("string: \\N", r => r with { Text = "\\N" }, InCsv: CsvNullText),
        Text("string: \\\\N", "\\\\N"),
        Text("string: N", "N"),
        Text("string: backslashes", "C:\\path\\to\\file\\"),
        Text("string: empty (not NULL)", "", maybe: ""),
        Text("string: emoji (4-byte UTF-8)", "😀 👍🏽 👨‍👩‍👧 ∑ é"),
        new("string: emoji in VARCHAR(20 chars)", r => r with { Short20 = "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀" }),
        Text("string: NUL", "a\0b"),
        new("string: leading and trailing spaces", r => r with { Text = "  padded  ", Short20 = " v " }),
        new("CHAR from char: quote, tab, backslash, non-ASCII, 3-byte", r => r with { Letter = '"', MaybeLetter = '\t', Letters = ['\\', 'é', '€', 'x'] }),
        new("CHAR from char: a NUL and the largest BMP character", r => r with { Letter = '\0', MaybeLetter = '\uFFFD' }),
        new("CHAR: trailing spaces kept", r => r with { Code = "ab  " }),

        // string byte lengths (StarRocks's lengths count UTF-8 bytes): exactly at the limit loads, a byte past it is refused
        new("VARCHAR(60): exactly 60 bytes in 3-byte characters", r => r with { Short20 = new string('€', 20) }),
        new("VARCHAR(60): 61 bytes are refused", r => r with { Short20 = new string('€', 20) + "x" }, InCsv: TooLong("short20"), InJson: TooLong("short20")),
        new("CHAR(12): exactly 12 bytes", r => r with { Code = "€€€€" }),
        new("CHAR(12): 13 bytes are refused", r => r with { Code = "€€€€x" }, InCsv: TooLong("code"), InJson: TooLong("code")),
        new("STRING: exactly 65533 bytes", r => r with { Text = new string('€', 21_844) + "x" }),
        new("STRING: 65534 bytes are refused", r => r with { MaybeText = new string('€', 21_844) + "xy" }, InCsv: TooLong("maybe_text"), InJson: TooLong("maybe_text")),
        new("enum name: an undefined value longer than its VARCHAR(10) is refused", r => r with { MaybeSize = (RoundTripSize)(-1_234_567_890) },
            InCsv: TooLong("maybe_size"), InJson: TooLong("maybe_size")),
        new("CHAR: full length and non-ASCII", r => r with { Code = "ñ😀ab" }),

        // numbers at their limits
        new("TINYINT / SMALLINT from byte: min and max", r => r with { Tiny = sbyte.MinValue, Octet = byte.MaxValue, Small = short.MinValue }),
        new("TINYINT / SMALLINT: max, INT from ushort: max", r => r with { Tiny = sbyte.MaxValue, Small = short.MaxValue, UShort = ushort.MaxValue }),
        new("INT: min and max, BIGINT from uint: max", r => r with { Int = int.MinValue, UInt = uint.MaxValue }),
        new("INT: max", r => r with { Int = int.MaxValue }),
        new("BIGINT: min", r => r with { Long = long.MinValue, MaybeLong = long.MinValue }),
        new("BIGINT: max", r => r with { Long = long.MaxValue, MaybeLong = long.MaxValue }),
        new("LARGEINT from ulong: max", r => r with { ULong = ulong.MaxValue }),
        new("LARGEINT: min", r => r with { Huge = Int128.MinValue }),
        new("LARGEINT: max", r => r with { Huge = Int128.MaxValue }),
        new("LARGEINT from UInt128: 0 and 2^127 - 1", r => r with { UnsignedHuge = (UInt128)Int128.MaxValue, UnsignedHuges = [0, (UInt128)Int128.MaxValue] }),
        new("LARGEINT from UInt128: 2^127 is refused", r => r with { UnsignedHuge = (UInt128)Int128.MaxValue + 1 },
            InCsv: new("unsigned_huge", "outside the LARGEINT range"), InJson: new("unsigned_huge", "outside the LARGEINT range")),
        new("LARGEINT from BigInteger: min and max", r => r with { Big = (BigInteger)Int128.MinValue, MaybeBig = (BigInteger)Int128.MaxValue, Bigs = [(BigInteger)Int128.MinValue, null, (BigInteger)Int128.MaxValue] }),
        new("LARGEINT from BigInteger: past the max is refused", r => r with { Big = (BigInteger)Int128.MaxValue + 1 },
            InCsv: new("big", "outside the LARGEINT range"), InJson: new("big", "outside the LARGEINT range")),
        new("LARGEINT from BigInteger: below the min is refused, in an ARRAY too", r => r with { Bigs = [(BigInteger)Int128.MinValue - 1] },
            InCsv: new("bigs", "outside the LARGEINT range"), InJson: new("bigs", "outside the LARGEINT range")),
        new("FLOAT from Half: max, min, epsilon, one tenth", r => r with { Half = Half.MaxValue, Halves = [Half.MinValue, Half.Epsilon, (Half)0.1f, Half.NegativeZero] }),
        new("FLOAT from Half: NaN is refused", r => r with { Half = Half.NaN }, InCsv: new("half", "do not load NaN or infinities"), InJson: new("half", "do not load NaN or infinities")),
        new("FLOAT: max", r => r with { Single = float.MaxValue }),
        new("FLOAT: min", r => r with { Single = float.MinValue }),
        new("FLOAT: epsilon (subnormal)", r => r with { Single = float.Epsilon }),
        new("DOUBLE: max", r => r with { Double = double.MaxValue, MaybeDouble = double.MaxValue }),
        new("DOUBLE: min", r => r with { Double = double.MinValue, MaybeDouble = double.MinValue }),
        new("DOUBLE: epsilon (subnormal)", r => r with { Double = double.Epsilon, MaybeDouble = -double.Epsilon }),
        new("DOUBLE: shortest round-trip digits", r => r with { Double = 1.0 / 3, MaybeDouble = 123456789.98765433 }),
        new("FLOAT: NaN is refused", r => r with { Single = float.NaN }, InCsv: new("single", "do not load NaN or infinities"), InJson: new("single", "do not load NaN or infinities")),
        new("DOUBLE: infinity is refused", r => r with { Double = double.PositiveInfinity },
            InCsv: new("double", "do not load NaN or infinities"), InJson: new("double", "do not load NaN or infinities")),
        new("DECIMAL(38,9): decimal max", r => r with { Money = decimal.MaxValue }),
        new("DECIMAL(38,9): decimal min", r => r with { Money = decimal.MinValue }),
        new("DECIMAL(38,9): smallest fraction", r => r with { Money = 0.000000001m }),
        new("DECIMAL(10,4): at its precision limit", r => r with { Rate = 999999.9999m }),
        new("DECIMAL(10,4): negative precision limit and scale kept", r => r with { Rate = -999999.9999m, Money = -0.100000000m }),
        new("DECIMAL(10,4): seven integer digits are refused", r => r with { Rate = 1_000_000m },
            InCsv: new("rate", "more than 6 integer digits"), InJson: new("rate", "more than 6 integer digits")),
        new("DECIMAL(10,4): below minus its limit is refused", r => r with { Rate = -1_000_000.0001m },
            InCsv: new("rate", "more than 6 integer digits"), InJson: new("rate", "more than 6 integer digits")),

        // dates and times
        new("DATE: 0001-01-01", r => r with { Day = DateOnly.MinValue }),
        new("ARRAY<DATE>: 0001-01-01 and 9999-12-31", r => r with { Days = [DateOnly.MinValue, new DateOnly(9999, 12, 31)] }),
        new("DATE: 9999-12-31", r => r with { Day = new DateOnly(9999, 12, 31) }),
        new("DATETIME: microseconds", r => r with { At = new DateTime(2024, 2, 29, 12, 34, 56).AddTicks(7_890_120), MaybeAt = new DateTime(1999, 12, 31, 23, 59, 59).AddTicks(10) }),
        new("DATETIME: 0001-01-01 00:00:00", r => r with { At = DateTime.MinValue, MaybeAt = DateTime.MinValue }),
        new("DATETIME: 9999-12-31 23:59:59.999999", r => r with { At = new DateTime(9999, 12, 31, 23, 59, 59).AddTicks(9_999_990) }),
        new("TIME as VARCHAR from TimeOnly: midnight, 100 ns before midnight, a fraction", r => r with
        {
            Clock = TimeOnly.MaxValue, Clocks = [TimeOnly.MinValue, TimeOnly.MaxValue, new TimeOnly(12, 0, 0, 500)],
        }),
        new("TIME as VARCHAR from TimeSpan: min, max, negative, past a day", r => r with
        {
            Elapsed = TimeSpan.MinValue, Durations = new() { ["max"] = TimeSpan.MaxValue, ["negative"] = TimeSpan.FromTicks(-1), ["days"] = new TimeSpan(3, 4, 5, 6, 7) },
        }),
        new("DATETIME from DateTimeOffset: another offset, same instant", r => r with { Stamp = new DateTimeOffset(2024, 3, 1, 5, 30, 0, TimeSpan.FromHours(5.5)).AddTicks(1230) }),

        // collections and JSON holding quotes
        new("ARRAY<STRING>: plain elements", r => r with { Names = ["x", "y z"] }),
        new("ARRAY<STRING>: quotes, separators, empty and NULL elements", r => r with { Names = ["a\"b", "\"", "", null, "tab\tnew\nline", "[x]", "{y}", "\\N"] }),
        new("ARRAY: empty, NULL elements, limits", r => r with { Numbers = [], Sparse = [null, long.MinValue, long.MaxValue], Nested = [[], [int.MinValue, int.MaxValue]] }),
        new("MAP: plain entries", r => r with { Counts = new() { ["one"] = 1 }, Labels = new Dictionary<int, string> { [1] = "first" } }),
        new("MAP<STRING,INT>: quoted and empty keys, NULL value", r => r with { Counts = new() { ["q\"uote"] = 1, [""] = null, ["\"start"] = int.MaxValue, ["tab\tkey"] = -1 } }),
        new("MAP<INT,STRING>: quotes in values", r => r with { Labels = new Dictionary<int, string> { [int.MinValue] = "\"start", [0] = "end\"", [int.MaxValue] = "mid\"dle" } }),
        new("ARRAY from sets: HashSet, ISet, IReadOnlySet", r => r with { Tags = [int.MinValue, 0, int.MaxValue], TagNames = new HashSet<string> { "a\"b", "", "x y" }, TagIds = new HashSet<long> { long.MinValue, long.MaxValue } }),
        new("ARRAY from sets: empty", r => r with { Tags = [], TagIds = new HashSet<long>() }),
        new("MAP from IDictionary (not a Dictionary) and ImmutableDictionary", r => r with
        {
            Totals = new SortedDictionary<string, long> { ["q\"uote"] = long.MinValue, ["z"] = long.MaxValue },
            Notes = ImmutableDictionary<int, string?>.Empty.Add(1, "one").Add(-2, null).Add(3, "\"three\""),
        }),
        new("MAP from IDictionary: a Dictionary", r => r with { Totals = new Dictionary<string, long> { ["a"] = 1, [""] = 0 } }),
        new("JSON: an object with plain members", r => r with { Document = Json("""{"a":1,"b":"two"}"""), JsonText = """{"k":[1,2]}""" }),
        new("JSON: strings holding quotes, escapes and unicode", r => r with { Document = Json("""{"q":"say \"hi\"","t":"tab\tnew\nline","u":"😀 é","n":null,"arr":[1,"\"",true]}""") }),
        new("JSON from JsonDocument, JsonNode, JsonObject: quotes, unicode, nesting", r => r with
        {
            JsonDocument = JsonDocument.Parse("""{"q":"say \"hi\"","u":"😀 é","a":[1,null,true]}"""),
            JsonNode = System.Text.Json.Nodes.JsonNode.Parse("""["tab\tnew\nline",{"k":{}}]"""),
            JsonObject = new() { ["s"] = "\"x\"", ["o"] = new System.Text.Json.Nodes.JsonObject { ["n"] = null } },
        }),
        new("JSON: a bare string, number and array", r => r with { Document = Json("\"just \\\"a\\\" string\""), JsonText = "[1,\"two\",{\"three\":3}]" }),
        new("JSON text: a string value starting with a quote", r => r with { JsonText = "\"\\\"quoted\\\"\"" }),

        // GUID, enums, booleans, NULLs
        new("GUID: empty", r => r with { Uid = Guid.Empty }),
        new("GUID: all bits set", r => r with { Uid = Guid.AllBitsSet }),
        new("enum name, [Flags]: every flag combined, none, in an ARRAY", r => r with
        {
            Access = RoundTripAccess.Read | RoundTripAccess.Write | RoundTripAccess.Execute | RoundTripAccess.Delete,
            Accesses = [RoundTripAccess.None, RoundTripAccess.Write | RoundTripAccess.Delete, RoundTripAccess.Execute],
        }),
        new("enum name, [Flags]: an undefined bit is written as the number", r => r with { Access = (RoundTripAccess)17 }),
        new("MaxBytes: CHAR(1) and VARCHAR(10) exactly full", r => r with { ReturnFlag = "R", Label10 = "ten bytes!" }),
        new("MaxBytes: VARCHAR(10) counts bytes, 5 two-byte characters fill it", r => r with { Label10 = "ééééé" }),
        new("MaxBytes: a two-byte character in CHAR(1) is refused", r => r with { ReturnFlag = "é" }, InCsv: TooLong("return_flag"), InJson: TooLong("return_flag")),
        // elements, keys and values: StarRocks would load a longer one as NULL (invalid_as_null), so the writer refuses it
        new("ARRAY<VARCHAR(6)>: elements of exactly 6 bytes load", r => r with { ShortNames = ["€€", "abcdef", ""] }),
        new("ARRAY<VARCHAR(6)>: an element of 7 bytes is refused", r => r with { ShortNames = ["ok", "€€x"] },
            InCsv: TooLong("short_names"), InJson: TooLong("short_names")),
        new("MAP<VARCHAR(3),VARCHAR(3)>: a key and a value of 3 bytes load", r => r with { ShortCodes = new() { ["abc"] = "é1" } }),
        new("MAP<VARCHAR(3),VARCHAR(3)>: a 4-byte key is refused", r => r with { ShortCodes = new() { ["abcd"] = "x" } },
            InCsv: TooLong("short_codes"), InJson: TooLong("short_codes")),
        new("MAP<VARCHAR(3),VARCHAR(3)>: a 4-byte value is refused", r => r with { ShortCodes = new() { ["k"] = "éé" } },
            InCsv: TooLong("short_codes"), InJson: TooLong("short_codes")),
        new("ARRAY<DECIMAL(5,2)>: elements at the precision limit load", r => r with { SmallAmounts = [999.99m, -999.99m, 0.5m] }),
        new("ARRAY<DECIMAL(5,2)>: an element of four integer digits is refused", r => r with { SmallAmounts = [1m, 1000m] },
            InCsv: new("small_amounts", "more than 3 integer digits"), InJson: new("small_amounts", "more than 3 integer digits")),
        new("enums: number at its max, name", r => r with { Color = RoundTripColor.Blue, Size = RoundTripSize.ExtraLarge, MaybeSize = RoundTripSize.ExtraLarge, Sizes = [] }),
        new("BOOLEAN: false", r => r with { Flag = false, MaybeFlag = true }),
        new("NULL in every nullable column", r => r with
        {
            MaybeFlag = null, MaybeLong = null, MaybeDouble = null, Rate = null, MaybeText = null, MaybeAt = null, MaybeSize = null,
            JsonText = null, Names = null, Labels = null, TagNames = null, Notes = null, MaybeBig = null, Elapsed = null, MaybeLetter = null, JsonDocument = null, JsonNode = null,
        }),
    ];

    /// <summary>The VARBINARY value classes (<see cref="RoundTripBinaryRow"/>), by name.</summary>
    public static IReadOnlyDictionary<string, RoundTripBinaryRow> Binary { get; } = new Dictionary<string, RoundTripBinaryRow>
    {
        ["VARBINARY: plain bytes"] = new() { Id = 1, Blob = [1, 2, 3], MaybeBlob = [4, 5], Memory = new byte[] { 6, 7 }, MaybeMemory = new byte[] { 8 } },
        ["VARBINARY: separators, quotes, backslash, NUL and non-UTF-8"] = new()
        {
            Id = 2, Blob = [0, 9, 10, 13, 34, 92, 0x80, 0xFF, 0xC3, 0x28], MaybeBlob = [0],
            Memory = new byte[] { 0xFF, 0, 9, 10, 13, 34, 92, 0xC3 }, MaybeMemory = new ReadOnlyMemory<byte>([1, 34, 92, 0x80, 2], 1, 3),
        },
        ["VARBINARY: empty, not NULL"] = new() { Id = 3, Blob = [], MaybeBlob = [], Memory = ReadOnlyMemory<byte>.Empty, MaybeMemory = ReadOnlyMemory<byte>.Empty },
        ["VARBINARY: NULL"] = new() { Id = 4, Blob = [0x5C, 0x4E], MaybeBlob = null, Memory = new byte[] { 0x5C, 0x4E }, MaybeMemory = null },
    };

    /// <summary>The case called <paramref name="name"/>.</summary>
    public static RoundTripCase Named(string name) => All.Single(c => c.Name == name);

    private static Refusal TooLong(string column) => new(column, "is too long. The max length of '" + column + "'");

    private static RoundTripCase Text(string name, string text, string? maybe = null) =>
        new(name, r => r with { Text = text, MaybeText = maybe ?? text });

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
