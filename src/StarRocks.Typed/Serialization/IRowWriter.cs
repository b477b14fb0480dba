namespace StarRocks.Typed.Serialization;

/// <summary>What <see cref="CsvRowWriter"/> and <see cref="JsonRowWriter"/> share, so the sink has one serialize loop for both.</summary>
internal interface IRowWriter
{
    /// <summary>Bytes written so far.</summary>
    long BytesWritten { get; }

    /// <summary>Starts a row.</summary>
    void BeginRow();

    /// <summary>Ends a row.</summary>
    void EndRow();

    /// <summary>Ends a row of a PRIMARY KEY table with its <c>__op</c>.</summary>
    /// <param name="operation">Upsert or delete.</param>
    void EndRow(StarRocksOperation operation);

    /// <summary>Flushes what is buffered to the output.</summary>
    void Complete();
}
