using System.Text;
using System.Text.Json;

namespace StarRocks.Typed.Cdc.Debezium;

/// <summary>
/// Decodes Debezium's JSON messages into calls on an <see cref="ICdcEventSink"/>: data change events (<c>op</c> c, r, u,
/// d, t) into row writes and truncates, schema-change and schema-history events (<c>tableChanges</c>) into table
/// creates, changes and drops. Both JsonConverter forms are read: with the <c>schema</c> part
/// (<c>schemas.enable=true</c>), whose Connect schema and the key's give the table's columns and primary key (announced
/// as a <see cref="CreateTableEvent"/> the first time a table is seen and a <see cref="TableSchemaChangedEvent"/> when
/// it changes), and without it, where column types come from <see cref="ICdcEventSink.FindSchema"/>. Tombstones (empty
/// values) are skipped. Messages are parsed with <see cref="Utf8JsonReader"/> straight into the row JSON (see
/// src/StarRocks.Typed/Cdc/Debezium/README.md for the value encodings). Not thread-safe: one message at a time, in stream order.
/// </summary>
/// <remarks>
/// The table is <c>source.schema</c> (PostgreSQL, SQL Server) or else <c>source.db</c> (MySQL), then <c>source.table</c>.
/// Without a schema part, temporal columns are read as Debezium's default <c>time.precision.mode</c> writes them
/// (Debezium docs, "Temporal types"): MySQL TIME in microseconds, other connectors' TIME(p) in milliseconds up to p = 3,
/// microseconds up to 6, else nanoseconds; TIMESTAMP(p) likewise (MySQL's DATETIME without p is p = 0, other
/// connectors' p = 6).
/// </remarks>
public sealed partial class DebeziumChangeStreamTarget : IChangeStreamTarget
{
    private readonly ICdcEventSink _sink;
    private readonly DebeziumOptions _options;
    private readonly DebeziumRowWriter _rows;
    private readonly List<DebeziumTable> _tables = [];
    private DebeziumTable? _lastTable;
    private readonly CompactShape _envelopeShape = new(), _sourceShape = new(), _imageShape = new();

    /// <summary>Creates the decoder in front of <paramref name="sink"/>.</summary>
    /// <param name="sink">Where the decoded events go (the CDC sink).</param>
    /// <param name="options">Decoding options; null for the defaults.</param>
    public DebeziumChangeStreamTarget(ICdcEventSink sink, DebeziumOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _sink = sink;
        _options = options ?? new DebeziumOptions();
        ArgumentNullException.ThrowIfNull(_options.TimeZone, "options.TimeZone");
        _rows = new DebeziumRowWriter(_options.TimeZone);
    }

    /// <summary>False to read every message with <see cref="Utf8JsonReader"/> (tests compare the two paths).</summary>
    internal bool ReadsCompactJson { get; init; } = true;

    /// <inheritdoc />
    /// <exception cref="DebeziumEventException">The message is not a Debezium event this decoder can load faithfully.</exception>
    public ValueTask WriteAsync(ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        if (value.IsEmpty) return default;
        return Write(Decode(key, value), cancellationToken);
    }

    /// <summary>
    /// Takes the JSON line at the start of <paramref name="text"/> (a replay's buffer) when it is a message without a key
    /// in the compact form of a data change event, finding where the line ends as the message is read: one pass over it
    /// instead of a search for the newline first. False, having taken nothing, for any other line (with a key, with
    /// whitespace, a schema part, another form of JSON, not ended by a newline within <see cref="MaxLineTaken"/> bytes):
    /// the replay then finds its end and hands it to <see cref="WriteAsync"/>, which reads it or names what is wrong.
    /// </summary>
    internal bool TryWriteLine(ReadOnlyMemory<byte> text, CancellationToken cancellationToken, out int consumed, out ValueTask written)
    {
        (consumed, written) = (0, default);
        if (!ReadsCompactJson || text.Span.StartsWith("{\"schema\":"u8)) return false;
        if (text.Length > MaxLineTaken) text = text[..MaxLineTaken]; // the row writer sizes its buffer by what it is given
        var parts = NewParts();
        int end = CompactEnvelopeEnd(text, ref parts);
        var rest = end < 0 ? default : text.Span[end..];
        int newline = rest is [(byte)'\n', ..] ? 1 : rest is [(byte)'\r', (byte)'\n', ..] ? 2 : 0;
        if (newline == 0) return false;
        consumed = end + newline;
        written = Write(Resolve(ref parts, default), cancellationToken);
        return true;
    }

    /// <summary>The longest line <see cref="TryWriteLine"/> takes, newline included (longer ones go through <see cref="WriteAsync"/>).</summary>
    internal const int MaxLineTaken = 64 * 1024;

    /// <summary>Hands what a message decoded to to the sink: its schema changes first, then its row.</summary>
    private ValueTask Write(Decoded decoded, CancellationToken cancellationToken)
    {
        if (decoded.Changes is null) return decoded.Table is { } table ? _sink.WriteRowAsync(table, decoded.Kind, _rows.Row, cancellationToken) : default;
        return ApplyAsync(decoded, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask CheckpointAsync(string? applicationState, CancellationToken cancellationToken) => _sink.CheckpointAsync(applicationState, cancellationToken);

    /// <inheritdoc />
    public ValueTask<string?> RecoverAsync(CancellationToken cancellationToken) => _sink.RecoverAsync(cancellationToken);

    private async ValueTask ApplyAsync(Decoded decoded, CancellationToken cancellationToken)
    {
        try
        {
            if (BeforeSchemaChange is { } before) await before(cancellationToken).ConfigureAwait(false);
            foreach (var change in decoded.Changes!) await _sink.ApplyAsync(change, cancellationToken).ConfigureAwait(false);
            SchemaChanges++;
        }
        catch
        {
            // The sink did not take the announcement: announce it again when the message comes again.
            decoded.Announcing?.ForgetConnectSchema(decoded.PreviouslyAnnounced);
            throw;
        }
        if (decoded.Table is { } table) await _sink.WriteRowAsync(table, decoded.Kind, _rows.Row, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// What one message asks of the sink: schema changes first (null when none), then a row of <see cref="Table"/> (null
    /// when none) in the row writer. <see cref="Announcing"/>: the table whose new Connect schema the changes announce.
    /// </summary>
    private readonly record struct Decoded(IReadOnlyList<CdcSchemaEvent>? Changes, CdcTableId? Table, CdcRowKind Kind, DebeziumTable? Announcing = null, CdcTableSchema? PreviouslyAnnounced = null);

    /// <summary>The parts of a message this decoder reads, as slices of the message (empty when absent or null).</summary>
    private struct Parts
    {
        public ReadOnlyMemory<byte> Schema, Payload, Before, After, TableChanges, Database, SchemaName, Table, Connector;

        /// <summary>The known envelope schema <see cref="Schema"/> is byte for byte (set by the envelope split), else null.</summary>
        public byte[]? SchemaMatched;
        public byte Op;

        /// <summary>The previous event's table, whose columns <see cref="Scan"/> rewrites <c>after</c> with as it reads it.</summary>
        public DebeziumTable? Guess;

        /// <summary>The row writer holds <c>after</c> written with these columns (null when it was not written).</summary>
        public DebeziumColumn[]? WrittenWith;
        public DebeziumRowWriter? Rows;

        /// <summary>The member names of the envelope, of <c>source</c> and of a row image as the previous message spelled them.</summary>
        public CompactShape? EnvelopeShape, SourceShape, ImageShape;
    }

    private Parts NewParts()
    {
        Parts parts = default;
        parts.Guess = _lastTable;
        parts.Rows = _rows;
        parts.EnvelopeShape = _envelopeShape;
        parts.SourceShape = _sourceShape;
        parts.ImageShape = _imageShape;
        return parts;
    }

    private Decoded Decode(ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value)
    {
        var parts = NewParts();
        try
        {
            if (TrySplitKnownEnvelope(value, ref parts)) ScanEnvelope(parts.Payload, ref parts);
            else
            {
                ScanEnvelope(value, ref parts);
                if (!parts.Payload.IsEmpty) ScanEnvelope(parts.Payload, ref parts);
            }
        }
        catch (JsonException e)
        {
            throw new DebeziumEventException($"The message is not valid JSON: {e.Message}", e);
        }

        return Resolve(ref parts, key);
    }

    /// <summary>What the message whose parts were read asks of the sink; its row, if any, written to the row writer.</summary>
    private Decoded Resolve(ref Parts parts, ReadOnlyMemory<byte> key)
    {
        if (!parts.TableChanges.IsEmpty)
        {
            var changes = DebeziumTableChanges.Read(parts.TableChanges.Span, parts.Connector.IsEmpty ? null : Encoding.UTF8.GetString(parts.Connector.Span));
            foreach (var change in changes) if (change is DropTableEvent drop) Forget(drop.Table);
            return new Decoded(changes, null, default);
        }
        if (parts.Table.IsEmpty || parts.Op == 0)
            throw new DebeziumEventException("The message is neither a Debezium data change event (payload.op, payload.source.table) nor a schema change (tableChanges).");

        var table = Find(parts.SchemaName.IsEmpty ? parts.Database.Span : parts.SchemaName.Span, parts.Table.Span);
        if (parts.Op == (byte)'t') return new Decoded([new TruncateTableEvent(table.Id)], null, default);

        var (image, kind) = parts.Op switch
        {
            (byte)'c' or (byte)'r' => (parts.After, CdcRowKind.Insert),
            (byte)'u' => (parts.After, CdcRowKind.Update),
            (byte)'d' => (parts.Before.IsEmpty ? KeyPayload(key) : parts.Before, CdcRowKind.Delete),
            _ => throw new DebeziumEventException($"Table {table.Id}: unknown Debezium op '{(char)parts.Op}' (expected c, r, u, d or t)."),
        };
        if (image.IsEmpty) throw new DebeziumEventException($"Table {table.Id}: op '{(char)parts.Op}' without its row image ({(kind == CdcRowKind.Delete ? "before, or a key" : "after")}).");

        CdcSchemaEvent? announcement = null;
        var previouslyAnnounced = table.Announced;
        DebeziumColumn[] columns;
        if (!parts.Schema.IsEmpty)
        {
            announcement = FollowConnectSchema(table, parts.Schema.Span, parts.SchemaMatched, key);
            columns = table.ConnectColumns!;
        }
        else
        {
            columns = KnownColumns(table, parts.Connector);
        }
        try
        {
            // Written during the scan when the guess (the previous event's table and columns) proved right.
            if (!ReferenceEquals(parts.WrittenWith, columns) || kind == CdcRowKind.Delete)
            {
                int position = 0;
                if (!ReadsCompactJson || !_rows.TryWriteCompactRow(image.Span, ref position, columns, table.Id) || position != image.Length) _rows.WriteRow(image.Span, columns, table.Id);
            }
        }
        catch when (announcement is not null)
        {
            table.ForgetConnectSchema(previouslyAnnounced);
            throw;
        }
        return announcement is null
            ? new Decoded(null, table.Id, kind)
            : new Decoded([announcement], table.Id, kind, table, previouslyAnnounced);
    }

    /// <summary>
    /// Rebuilds the table's columns when its envelope or key schema differs from the last one; returns the announcement it
    /// needs, if any. <paramref name="matched"/>: the known schema the envelope's was already found equal to, if any.
    /// </summary>
    private static CdcSchemaEvent? FollowConnectSchema(DebeziumTable table, ReadOnlySpan<byte> envelopeSchema, byte[]? matched, ReadOnlyMemory<byte> key)
    {
        var keySchema = table.KeySchema is { Length: > 0 } knownKey && PayloadAfter(key.Span, knownKey) is { } keyPayload && !key.Span[keyPayload].StartsWith("null"u8) ? knownKey : KeySchema(key);
        if (table.EnvelopeSchema is { } known && (ReferenceEquals(matched, known) || envelopeSchema.SequenceEqual(known)) && keySchema.Span.SequenceEqual(table.KeySchema)) return null;

        var (schema, columns) = DebeziumSchemas.FromConnectSchema(table.Id, envelopeSchema, key.Span);
        var previous = table.Announced;
        table.EnvelopeSchema = envelopeSchema.ToArray();
        table.KeySchema = keySchema.ToArray();
        table.ConnectColumns = columns;
        table.Announced = schema;
        if (previous is null) return new CreateTableEvent(schema);
        return SameSchema(previous, schema) ? null : new TableSchemaChangedEvent(schema);
    }

    private DebeziumColumn[] KnownColumns(DebeziumTable table, ReadOnlyMemory<byte> connector)
    {
        var known = _sink.FindSchema(table.Id)
            ?? throw new DebeziumEventException($"Table {table.Id}: the event has no schema part (JsonConverter schemas.enable=false) and the sink knows no schema for the table; enable schemas, or have the schema changes learned at start (the Kafka consumer's SchemaChangeTopics, or LearnAsync of the schema history).");
        if (!ReferenceEquals(known, table.Known))
        {
            table.KnownColumns = DebeziumSchemas.FromKnownSchema(known, connector.IsEmpty ? null : Encoding.UTF8.GetString(connector.Span), _options);
            table.Known = known;
            if (known.Table == table.Id) table.Id = known.Table;
        }
        return table.KnownColumns!;
    }

    private static bool SameSchema(CdcTableSchema a, CdcTableSchema b)
        => a.Table == b.Table && a.Columns.SequenceEqual(b.Columns) && a.PrimaryKey.SequenceEqual(b.PrimaryKey);

    private DebeziumTable Find(ReadOnlySpan<byte> database, ReadOnlySpan<byte> table)
    {
        if (_lastTable is { } last && last.Matches(database, table)) return last;
        foreach (var known in _tables)
        {
            if (known.Matches(database, table)) return _lastTable = known;
        }
        var added = new DebeziumTable(new CdcTableId(Encoding.UTF8.GetString(database), Encoding.UTF8.GetString(table)), database.ToArray(), table.ToArray());
        _tables.Add(added);
        return _lastTable = added;
    }

    /// <summary>Forgets a dropped table, so a table created again under its name is announced again.</summary>
    private void Forget(CdcTableId id)
    {
        _tables.RemoveAll(t => t.Id == id);
        if (_lastTable?.Id == id) _lastTable = null;
    }

    /// <summary>
    /// The fast path for JsonConverter's compact <c>{"schema":S,"payload":P}</c> when S is byte for byte a schema already
    /// read (the usual case: a table's schema repeats in every event): splits off P with one comparison instead of
    /// tokenizing S. P is still read, and validated, by <see cref="Scan"/>.
    /// </summary>
    private bool TrySplitKnownEnvelope(ReadOnlyMemory<byte> value, ref Parts parts)
    {
        var span = value.Span;
        var head = "{\"schema\":"u8;
        if (!span.StartsWith(head)) return false;
        var rest = span[head.Length..];
        byte[]? schema = _lastTable?.EnvelopeSchema is { } last && rest.StartsWith(last) ? last : null;
        if (schema is null)
        {
            foreach (var table in _tables)
            {
                if (table.EnvelopeSchema is { } known && rest.StartsWith(known))
                {
                    schema = known;
                    break;
                }
            }
        }
        if (schema is null || PayloadAfter(span, schema) is not { } payload) return false;
        parts.Schema = value.Slice(head.Length, schema.Length);
        parts.SchemaMatched = schema;
        parts.Payload = value[payload];
        return true;
    }

    /// <summary>
    /// Where P lies in <paramref name="message"/> when it is JsonConverter's compact <c>{"schema":S,"payload":P}</c> with S
    /// byte for byte <paramref name="schema"/>; null when it is not.
    /// </summary>
    private static Range? PayloadAfter(ReadOnlySpan<byte> message, ReadOnlySpan<byte> schema)
    {
        var head = "{\"schema\":"u8;
        var payloadHead = ",\"payload\":"u8;
        if (!message.StartsWith(head) || !message[head.Length..].StartsWith(schema) || !message[(head.Length + schema.Length)..].StartsWith(payloadHead))
            return null;
        int start = head.Length + schema.Length + payloadHead.Length;
        int end = message.TrimEnd(" \t\r\n"u8).Length - 1;
        return end > start && message[end] == (byte)'}' ? start..end : null;
    }

    /// <summary>The columns of the previous event's table, which the row being read most likely belongs to (null when none).</summary>
    private static DebeziumColumn[]? GuessedColumns(in Parts parts)
        => parts.Guess is not { } table ? null : parts.Schema.IsEmpty ? table.KnownColumns : table.ConnectColumns;

    /// <summary>Records the members of the JSON object <paramref name="json"/> that the decoder reads.</summary>
    private static void Scan(ReadOnlyMemory<byte> json, ref Parts parts)
    {
        var reader = new Utf8JsonReader(json.Span);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new DebeziumEventException("The message is not a JSON object.");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (IsName(ref reader, "payload"u8)) parts.Payload = Member(json, ref reader);
            else if (IsName(ref reader, "schema"u8)) parts.Schema = Member(json, ref reader);
            else if (IsName(ref reader, "after"u8)) parts.After = parts.Guess is null ? Member(json, ref reader) : GuessedAfter(json, ref reader, ref parts);
            else if (IsName(ref reader, "before"u8)) parts.Before = Member(json, ref reader);
            else if (IsName(ref reader, "op"u8)) parts.Op = Op(ref reader);
            else if (IsName(ref reader, "source"u8)) ScanSource(json, ref reader, ref parts);
            else if (IsName(ref reader, "tableChanges"u8)) parts.TableChanges = Member(json, ref reader);
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) throw new DebeziumEventException("The message is not one JSON object.");
    }

    private static void ScanSource(ReadOnlyMemory<byte> json, ref Utf8JsonReader reader, ref Parts parts)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (IsName(ref reader, "table"u8)) parts.Table = Text(json, ref reader);
            else if (IsName(ref reader, "db"u8)) parts.Database = Text(json, ref reader);
            else if (IsName(ref reader, "schema"u8)) parts.SchemaName = Text(json, ref reader);
            else if (IsName(ref reader, "connector"u8)) parts.Connector = Text(json, ref reader);
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>
    /// Whether the current property is named <paramref name="name"/>: a byte comparison for a name without escapes, which
    /// is cheaper than <see cref="Utf8JsonReader.ValueTextEquals(ReadOnlySpan{byte})"/> when most names do not match.
    /// </summary>
    internal static bool IsName(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
        => reader.ValueIsEscaped ? reader.ValueTextEquals(name) : reader.ValueSpan.SequenceEqual(name);

    /// <summary>
    /// The next value's bytes, like <see cref="Member"/>, rewritten on the way with the guessed table's columns when it
    /// is an object they all describe: one tokenizing pass instead of two in a stream of one table's events. The decoder
    /// uses the row only once the event's table proves to be the guessed one (source may come after <c>after</c>).
    /// </summary>
    private static ReadOnlyMemory<byte> GuessedAfter(ReadOnlyMemory<byte> json, ref Utf8JsonReader reader, ref Parts parts)
    {
        var table = parts.Guess!;
        var columns = GuessedColumns(parts);
        parts.WrittenWith = null;
        var copy = reader;
        copy.Read();
        if (columns is null || copy.TokenType != JsonTokenType.StartObject) return Member(json, ref reader);
        int start = (int)copy.TokenStartIndex;
        try
        {
            if (parts.Rows!.TryWriteRow(ref copy, columns, table.Id, guessing: true))
            {
                reader = copy;
                parts.WrittenWith = columns;
                return json[start..(int)reader.BytesConsumed];
            }
        }
        catch (DebeziumEventException)
        {
            // Not this table's row after all: it is decoded again once the table is known.
        }
        return Member(json, ref reader);
    }

    /// <summary>The next value's bytes (empty for null).</summary>
    private static ReadOnlyMemory<byte> Member(ReadOnlyMemory<byte> json, ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null) return default;
        int start = (int)reader.TokenStartIndex;
        reader.Skip();
        return json[start..(int)reader.BytesConsumed];
    }

    /// <summary>The next string's UTF-8 content (empty for null).</summary>
    private static ReadOnlyMemory<byte> Text(ReadOnlyMemory<byte> json, ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null) return default;
        if (reader.TokenType != JsonTokenType.String) throw new DebeziumEventException($"payload.source: expected a string, got a JSON {reader.TokenType}.");
        if (reader.ValueIsEscaped) return Encoding.UTF8.GetBytes(reader.GetString()!);
        int start = (int)reader.TokenStartIndex + 1;
        return json.Slice(start, reader.ValueSpan.Length);
    }

    private static byte Op(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length != 1)
            throw new DebeziumEventException("payload.op is not a one-letter string (c, r, u, d or t).");
        return reader.ValueSpan[0];
    }

    /// <summary>The key's Connect schema (<c>{"schema":…,"payload":…}</c>), empty when the key has none.</summary>
    private static ReadOnlyMemory<byte> KeySchema(ReadOnlyMemory<byte> key)
    {
        if (key.IsEmpty) return default;
        Parts parts = default;
        Scan(key, ref parts);
        return parts.Payload.IsEmpty ? default : parts.Schema;
    }

    /// <summary>The key's row image: its <c>payload</c> when it has a schema part, else the key itself.</summary>
    private static ReadOnlyMemory<byte> KeyPayload(ReadOnlyMemory<byte> key)
    {
        if (key.IsEmpty) return default;
        Parts parts = default;
        Scan(key, ref parts);
        return parts.Payload.IsEmpty && parts.Schema.IsEmpty ? key : parts.Payload;
    }

    /// <inheritdoc />
    public long SchemaChanges { get; private set; }

    /// <inheritdoc />
    public Func<CancellationToken, ValueTask>? BeforeSchemaChange { get; set; }

    /// <inheritdoc />
    /// <remarks>
    /// The message's schema changes (its <c>tableChanges</c>, or what a data event's schema part announces) go to
    /// <see cref="ICdcEventSink.LearnAsync"/>; a row is dropped (it was loaded before the checkpoint).
    /// </remarks>
    /// <exception cref="DebeziumEventException">The message is not a Debezium event this decoder can read.</exception>
    public async ValueTask LearnAsync(ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        if (value.IsEmpty) return;
        var decoded = Decode(key, value);
        if (decoded.Changes is null) return;
        try
        {
            foreach (var change in decoded.Changes) await _sink.LearnAsync(change, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            decoded.Announcing?.ForgetConnectSchema(decoded.PreviouslyAnnounced);
            throw;
        }
    }
}
