using System.Data.Common;
using StarRocks.Typed.Metadata;
using StarRocks.Typed.Serialization;

namespace StarRocks.Typed;

/// <summary>
/// What the source generator implements for a <see cref="StarRocksTableAttribute"/> type: its metadata, its row
/// writers and its reader, all static so generic code (<c>where T : IStarRocksTable&lt;T&gt;</c>) reaches them without reflection.
/// </summary>
/// <typeparam name="TSelf">The row type.</typeparam>
public interface IStarRocksTable<TSelf> where TSelf : IStarRocksTable<TSelf>
{
    /// <summary>The table's metadata and DDL.</summary>
    static abstract StarRocksTableInfo Table { get; }

    /// <summary>Writes the row's fields (all columns, table order) into the current CSV row; the caller ends the row.</summary>
    static abstract void WriteCsv(TSelf row, ref CsvRowWriter writer);

    /// <summary>Writes the row's fields (all columns) into the current JSON object; the caller ends the object.</summary>
    static abstract void WriteJson(TSelf row, ref JsonRowWriter writer);

    /// <summary>
    /// Materializes a row from the current record of <paramref name="reader"/>. <paramref name="ordinals"/>[i] is the
    /// reader ordinal of column i (table order), or -1 when the column was not selected (the member keeps its default).
    /// </summary>
    static abstract TSelf Read(DbDataReader reader, ReadOnlySpan<int> ordinals);
}

/// <summary>A table whose rows have a key: lookups, deletes by key.</summary>
/// <typeparam name="TSelf">The row type.</typeparam>
/// <typeparam name="TKey">The key: the key member's type, or a value tuple of the key members in key order.</typeparam>
public interface IStarRocksKeyed<TSelf, TKey> : IStarRocksTable<TSelf>
    where TSelf : IStarRocksKeyed<TSelf, TKey>
{
    /// <summary>The row's key.</summary>
    static abstract TKey GetKey(TSelf row);

    /// <summary>
    /// Writes the key's fields (the key columns, in key order) into the current CSV row, exactly as
    /// <see cref="IStarRocksTable{TSelf}.WriteCsv"/> writes those columns; the caller ends the row.
    /// </summary>
    static abstract void WriteKeyCsv(TKey key, ref CsvRowWriter writer);

    /// <summary>
    /// Writes the key columns' names and values into the current JSON object, exactly as
    /// <see cref="IStarRocksTable{TSelf}.WriteJson"/> writes those columns; the caller ends the object.
    /// </summary>
    static abstract void WriteKeyJson(TKey key, ref JsonRowWriter writer);
}
