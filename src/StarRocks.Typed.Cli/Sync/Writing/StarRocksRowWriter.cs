using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Channels;
using MySqlConnector;
using StarRocks.Typed.Cli.Jobs;
using StarRocks.Typed.Cli.Sync.Reading;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.Loading;
using StarRocks.Typed.Serialization;
using StarRocks.Typed.Sql;

namespace StarRocks.Typed.Cli.Sync.Writing;

/// <summary>
/// Loads rows into a StarRocks table with Stream Load (the library's <see cref="StreamLoadClient"/>: labels, retries,
/// redirects): the job's concurrency of serializers fill batches of at most <c>maxBatchRows</c> rows, each cut once it
/// holds <c>maxBatchSize</c> bytes or more, and hand them to as many loaders, so that many loads are in flight while
/// the next batches fill. CSV fields are the load text with NULL as
/// <c>\N</c>, between the <c>loadProps</c> separators; JSON batches are one array of objects (<c>strip_outer_array</c>).
/// </summary>
internal sealed class StarRocksRowWriter : IRowWriter
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
    private readonly StarRocksWriter _step;
    private readonly RowSchema _schema;
    private readonly int _concurrency;
    private readonly StreamLoadClient _client;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _headers;
    private readonly JsonEncodedText[] _jsonNames;

    public StarRocksRowWriter(StarRocksWriter step, RowSchema schema, int concurrency)
    {
        _step = step;
        _schema = schema;
        _concurrency = concurrency;
        _client = new StreamLoadClient(new StarRocksConnectionOptions
        {
            LoadUrls = string.Join(';', step.LoadUrls),
            Username = step.DataSource.UserName,
            Password = step.DataSource.Password.Reveal(),
            LabelPrefix = "starrocks_typed_sync",
        });
        var headers = step.LoadProps.Headers
            .Where(h => !h.Key.Equals("format", StringComparison.OrdinalIgnoreCase))
            .Append(new("format", step.LoadProps.Format == LoadFormat.Json ? "json" : "csv"))
            .Append(new("columns", string.Join(", ", step.Columns.Select(StarRocksSqlText.Quote))));
        if (step.LoadProps.Format == LoadFormat.Json && !step.LoadProps.Headers.ContainsKey("strip_outer_array"))
            headers = headers.Append(new("strip_outer_array", "true"));
        _headers = [.. headers];
        _jsonNames = [.. step.Columns.Select(c => JsonEncodedText.Encode(c, JavaScriptEncoder.UnsafeRelaxedJsonEscaping))];
    }

    /// <inheritdoc />
    public Task PrepareAsync(CancellationToken cancellationToken) => RunSqlAsync("preSql", _step.PreSql, cancellationToken);

    /// <inheritdoc />
    public async Task WriteAsync(ChannelReader<RowChunk> rows, SyncCounters counters, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var batches = Channel.CreateBounded<LoadBatch>(new BoundedChannelOptions(1) { SingleReader = false, SingleWriter = false });
        var serializers = Start(() => SerializeAllAsync(rows, batches.Writer, stop.Token), stop);
        var loaders = Start(() => LoadAllAsync(batches.Reader, counters, stop.Token), stop);
        var tasks = loaders.Append(Task.Run(async () =>
        {
            try
            {
                await Task.WhenAll(serializers).ConfigureAwait(false);
            }
            finally
            {
                batches.Writer.TryComplete();
            }
        }, CancellationToken.None)).Concat(serializers).ToList();
        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch
        {
            var failures = tasks.Where(t => t.Exception is not null).SelectMany(t => t.Exception!.InnerExceptions).ToList();
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failures.FirstOrDefault(e => e is not OperationCanceledException)
                ?? new OperationCanceledException(cancellationToken));
        }
    }

    /// <inheritdoc />
    public Task CompleteAsync(CancellationToken cancellationToken) => RunSqlAsync("postSql", _step.PostSql, cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task RunSqlAsync(string parameter, IReadOnlyList<string> statements, CancellationToken cancellationToken)
    {
        if (statements.Count == 0)
            return;
        await using var connection = await DatabaseRowReader.OpenAsync(_step.DataSource, _step.Database, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < statements.Count; i++)
        {
            try
            {
                await using var command = new MySqlCommand(statements[i], connection);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (MySqlException e)
            {
                throw new SyncException(SyncExitCode.SqlFailed, $"{parameter}[{i}] failed: {e.Message}", e);
            }
        }
    }

    /// <summary>Runs the job's concurrency of <paramref name="work"/> at once; one that fails stops the others.</summary>
    private List<Task> Start(Func<Task> work, CancellationTokenSource stop) =>
        [.. Enumerable.Range(0, _concurrency).Select(_ => Task.Run(async () =>
        {
            try
            {
                await work().ConfigureAwait(false);
            }
            catch
            {
                await stop.CancelAsync().ConfigureAwait(false);
                throw;
            }
        }, CancellationToken.None))];

    /// <summary>
    /// Serializes rows into batches of at most <c>maxBatchRows</c> rows, cut once they hold <c>maxBatchSize</c> bytes,
    /// and hands each to the loaders: serializing goes on while the batches before are loading.
    /// </summary>
    private async Task SerializeAllAsync(ChannelReader<RowChunk> rows, ChannelWriter<LoadBatch> batches, CancellationToken cancellationToken)
    {
        LoadBatch? batch = new LoadBatch();
        var writer = new BatchWriter(this, batch);
        try
        {
            await foreach (var chunk in rows.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                for (var row = 0; row < chunk.RowCount; row++)
                {
                    writer.Add(chunk, row);
                    if (batch.RowCount >= _step.MaxBatchRows || writer.Length >= _step.MaxBatchSize)
                    {
                        writer.Finish();
                        var full = batch;
                        batch = new LoadBatch();
                        writer = new BatchWriter(this, batch);
                        await batches.WriteAsync(full, cancellationToken).ConfigureAwait(false);
                    }
                }

                chunk.Dispose();
            }

            if (batch.RowCount > 0)
            {
                writer.Finish();
                await batches.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                batch = null;
            }
        }
        finally
        {
            batch?.Dispose();
        }
    }

    /// <summary>Loads batches as they come; each loader keeps one load in flight.</summary>
    private async Task LoadAllAsync(ChannelReader<LoadBatch> batches, SyncCounters counters, CancellationToken cancellationToken)
    {
        await foreach (var batch in batches.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            using (batch)
                await LoadAsync(batch, counters, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task LoadAsync(LoadBatch batch, SyncCounters counters, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _client.LoadAsync(new StreamLoadRequest(_step.Database, _step.Table, batch) { Headers = _headers }, cancellationToken).ConfigureAwait(false);
            var loaded = result.State is null ? result.NumberLoadedRows : batch.RowCount; // a label an earlier attempt loaded
            counters.Written(loaded, result.NumberFilteredRows);
            if (result.NumberFilteredRows > 0 && result.ErrorUrl is not null)
                counters.NoteRejectedRows($"ErrorURL {result.ErrorUrl}");
        }
        catch (StarRocksLoadException e) when (IsDataQuality(e))
        {
            counters.Failed(batch.RowCount, e.RejectedRows ?? e.Result?.ErrorUrl);
            if (_step.StrategyOnError == StrategyOnError.Exit)
                throw new SyncException(SyncExitCode.RowsRejected, $"{e.Message.Split(Environment.NewLine)[0]} (strategyOnError: exit)", e);
        }
        catch (StarRocksLoadException e)
        {
            counters.Failed(batch.RowCount, null);
            throw new SyncException(SyncExitCode.LoadFailed, e.Message, e);
        }
    }

    /// <summary>Whether StarRocks refused the batch for its rows (filtered beyond <c>max_filter_ratio</c>), not for the load itself.</summary>
    private static bool IsDataQuality(StarRocksLoadException e) =>
        e.Result is { NumberFilteredRows: > 0 }
        || (e.StarRocksMessage?.Contains("too many filtered rows", StringComparison.OrdinalIgnoreCase) ?? false);

    /// <summary>Serializes rows into one batch, in the writer's format.</summary>
    private sealed class BatchWriter
    {
        private readonly StarRocksRowWriter _owner;
        private readonly LoadBatch _batch;
        private readonly Utf8JsonWriter? _json;

        public BatchWriter(StarRocksRowWriter owner, LoadBatch batch)
        {
            _owner = owner;
            _batch = batch;
            if (owner._step.LoadProps.Format == LoadFormat.Json)
            {
                _json = new Utf8JsonWriter(batch, JsonOptions);
                _json.WriteStartArray();
            }
        }

        /// <summary>The bytes written so far.</summary>
        public long Length => _json is null ? _batch.Length : _batch.Length + _json.BytesPending;

        public void Add(RowChunk chunk, int row)
        {
            if (_json is not null)
                JsonRow.Write(_json, _owner._jsonNames, _owner._schema.Kinds, chunk, row);
            else
                AddCsv(chunk, row);
            _batch.AddRows();
        }

        public void Finish()
        {
            if (_json is null)
                return;
            _json.WriteEndArray();
            _json.Flush();
            _json.Dispose();
        }

        private void AddCsv(RowChunk chunk, int row)
        {
            var props = _owner._step.LoadProps;
            for (var i = 0; i < chunk.Columns; i++)
            {
                if (i > 0)
                    _batch.Write(props.ColumnSeparator);
                if (chunk.IsNull(row, i))
                {
                    _batch.Write(@"\N"u8);
                    continue;
                }

                var bytes = chunk.Value(row, i);
                if (bytes.IndexOf(props.ColumnSeparator) >= 0 || bytes.IndexOf(props.RowDelimiter) >= 0)
                {
                    throw new SyncException(SyncExitCode.LoadFailed,
                        $"a value of column '{_owner._step.Columns[i]}' holds the column separator ({StarRocksDelimiter.Format(props.ColumnSeparator)}) or the row delimiter ({StarRocksDelimiter.Format(props.RowDelimiter)}); " +
                        "set loadProps column_separator and row_delimiter to bytes the data never holds (e.g. \\x01 and \\x02), or load JSON (loadProps format: json).");
                }

                _batch.Write(bytes);
            }

            _batch.Write(props.RowDelimiter);
        }
    }
}
