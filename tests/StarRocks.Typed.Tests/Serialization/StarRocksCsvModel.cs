using StarRocks.Typed.Serialization;
using StarRocks.Typed.StandIn.Loading;

namespace StarRocks.Typed.Tests.Serialization;

/// <summary>
/// Reads a CSV body the way StarRocks does, with the stand-in's port of StarRocks's CSV reader
/// (<see cref="CsvRowReader"/>): the oracle for the writer's round-trip tests.
/// </summary>
internal static class StarRocksCsvModel
{
    public static List<List<string?>> Parse(ReadOnlySpan<byte> body, CsvFormat format)
    {
        var options = new LoadOptions
        {
            ColumnSeparator = format.ColumnSeparatorBytes.ToArray(),
            RowDelimiter = format.RowDelimiterBytes.ToArray(),
            Enclose = format.Enclose,
            Escape = format.Escape,
        };
        return [.. CsvRowReader.Read(body, options).Select(row => row.Fields?.ToList() ?? throw new InvalidOperationException(row.Error))];
    }
}
