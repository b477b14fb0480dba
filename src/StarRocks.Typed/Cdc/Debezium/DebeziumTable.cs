namespace StarRocks.Typed.Cdc.Debezium;

/// <summary>What the decoder remembers of one source table: its name as the events spell it, and the schema and decoders last used.</summary>
internal sealed class DebeziumTable(CdcTableId id, byte[] database, byte[] table)
{
    /// <summary>The table's id; once the sink knows the table, the sink's own instance of it (see <see cref="Known"/>), so that comparing the two is a reference comparison.</summary>
    public CdcTableId Id { get; set; } = id;

    /// <summary>The envelope's Connect schema and the key's Connect schema the <see cref="ConnectColumns"/> were built from.</summary>
    public byte[]? EnvelopeSchema { get; set; }

    public byte[]? KeySchema { get; set; }

    /// <summary>The schema announced to the sink (from the envelope's schema part), null before the first one.</summary>
    public CdcTableSchema? Announced { get; set; }

    public DebeziumColumn[]? ConnectColumns { get; set; }

    /// <summary>The sink's schema that <see cref="KnownColumns"/> were built from (events without a schema part).</summary>
    public CdcTableSchema? Known { get; set; }

    public DebeziumColumn[]? KnownColumns { get; set; }

    /// <summary>Undoes a Connect schema the sink never took (the row failed, or the sink refused it): the next event reads and announces it again.</summary>
    public void ForgetConnectSchema(CdcTableSchema? previouslyAnnounced)
    {
        EnvelopeSchema = null;
        KeySchema = null;
        ConnectColumns = null;
        Announced = previouslyAnnounced;
    }

    public bool Matches(ReadOnlySpan<byte> otherDatabase, ReadOnlySpan<byte> otherTable) => otherTable.SequenceEqual(table) && otherDatabase.SequenceEqual(database);
}
