using System.Buffers;
using System.Data;
using System.Text;
using StarRocks.Typed.Serialization;

namespace StarRocks.Typed.Tests.Generated;

/// <summary>Runs the generated writers and reader the way a sink and a source do.</summary>
internal static class GeneratedRows
{
    public static string Csv<T>(params T[] rows) where T : IStarRocksTable<T> => Csv(CsvFormat.Default, rows);

    public static string Csv<T>(CsvFormat format, params T[] rows) where T : IStarRocksTable<T>
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new CsvRowWriter(buffer, format);
        foreach (var row in rows)
        {
            writer.BeginRow();
            T.WriteCsv(row, ref writer);
            writer.EndRow();
        }

        writer.Complete();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string Json<T>(params T[] rows) where T : IStarRocksTable<T>
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new JsonRowWriter(buffer, new JsonFormat { Layout = JsonRowLayout.NewlineDelimited });
        foreach (var row in rows)
        {
            writer.BeginRow();
            T.WriteJson(row, ref writer);
            writer.EndRow();
        }

        writer.Complete();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Keys written with the generated <c>WriteKeyCsv</c>, one row each, as a delete by key writes them.</summary>
    public static string KeyCsv<T, TKey>(params TKey[] keys) where T : IStarRocksKeyed<T, TKey>
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new CsvRowWriter(buffer, CsvFormat.Default);
        foreach (var key in keys)
        {
            writer.BeginRow();
            T.WriteKeyCsv(key, ref writer);
            writer.EndRow();
        }

        writer.Complete();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Keys written with the generated <c>WriteKeyJson</c>, one object each.</summary>
    public static string KeyJson<T, TKey>(params TKey[] keys) where T : IStarRocksKeyed<T, TKey>
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new JsonRowWriter(buffer, new JsonFormat { Layout = JsonRowLayout.NewlineDelimited });
        foreach (var key in keys)
        {
            writer.BeginRow();
            T.WriteKeyJson(key, ref writer);
            writer.EndRow();
        }

        writer.Complete();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads every record of <paramref name="data"/> with the generated reader, matching columns by name.</summary>
    public static List<T> Read<T>(DataTable data) where T : IStarRocksTable<T>
    {
        using var reader = data.CreateDataReader();
        var ordinals = T.Table.Columns.Select(c => data.Columns.Contains(c.Name) ? reader.GetOrdinal(c.Name) : -1).ToArray();
        var rows = new List<T>();
        while (reader.Read())
            rows.Add(T.Read(reader, ordinals));
        return rows;
    }
}
