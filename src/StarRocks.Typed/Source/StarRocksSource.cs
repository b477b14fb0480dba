using System.Data.Common;
using System.Data;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using StarRocks.Typed.Configuration;
using StarRocks.Typed.Sql;

namespace StarRocks.Typed.Source;

/// <summary>
/// Reads <typeparamref name="T"/> rows through a <see cref="DbDataSource"/>: one streamed query, or (split reads) slices
/// read over up to <c>scan.split.max-connections</c> connections and merged through a bounded channel.
/// </summary>
/// <typeparam name="T">The generated row type.</typeparam>
internal sealed class StarRocksSource<T>(DbDataSource dataSource, StarRocksReadOptions options, string? database, ILogger logger)
    : IStarRocksSource<T> where T : IStarRocksTable<T>
{
    private const int MergeCapacity = 1024;

    public IAsyncEnumerable<T> ReadAsync(StarRocksReadRequest? request = null, CancellationToken cancellationToken = default)
    {
        var plan = ReadPlan.Create(T.Table, request ?? StarRocksReadRequest.All, database, options);
        if (plan.Request.Limit is <= 0)
        {
            return AsyncEnumerable.Empty<T>();
        }

        return plan.SplitColumn is null
            ? ReadSliceAsync(plan, ScanSlice.Whole, cancellationToken)
            : ReadSplitAsync(plan, cancellationToken);
    }

    private async IAsyncEnumerable<T> ReadSplitAsync(ReadPlan plan, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var slices = await PlanSlicesAsync(plan, cancellationToken).ConfigureAwait(false);
        if (slices.Count == 0)
        {
            yield break;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var merged = Channel.CreateBounded<T>(new BoundedChannelOptions(MergeCapacity) { SingleReader = true });
        var readers = ReadSlicesIntoAsync(plan, new Queue<ScanSlice>(slices), merged.Writer, stop.Token);
        try
        {
            long yielded = 0;
            await foreach (var row in merged.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return row;
                if (++yielded == plan.Request.Limit)
                {
                    yield break;
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await readers.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Reads slices on up to <c>scan.split.max-connections</c> tasks into <paramref name="writer"/>, then completes it (with the first failure).</summary>
    private async Task ReadSlicesIntoAsync(ReadPlan plan, Queue<ScanSlice> slices, ChannelWriter<T> writer, CancellationToken cancellationToken)
    {
        async Task ReadSlicesAsync()
        {
            while (true)
            {
                ScanSlice slice;
                lock (slices)
                {
                    if (!slices.TryDequeue(out slice))
                    {
                        return;
                    }
                }

                await foreach (var row in ReadSliceAsync(plan, slice, cancellationToken).ConfigureAwait(false))
                {
                    await writer.WriteAsync(row, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        var readers = Enumerable.Range(0, Math.Min(options.ScanMaxConnections, slices.Count)).Select(_ => Task.Run(ReadSlicesAsync, cancellationToken)).ToArray();
        try
        {
            await Task.WhenAll(readers).ConfigureAwait(false);
            writer.TryComplete();
        }
        catch (Exception e)
        {
            writer.TryComplete(e);
        }
    }

    private async Task<List<ScanSlice>> PlanSlicesAsync(ReadPlan plan, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = CreateCommand(connection, plan.SplitRangeSql());
        BindRequestParameters(command, plan);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var nulls = reader.IsDBNull(2) ? 0 : Convert.ToInt64(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture);
        if (reader.IsDBNull(0))
        {
            return nulls > 0 ? [ScanSlice.Nulls] : [];
        }

        return ReadPlan.Slices(reader.GetInt64(0), reader.GetInt64(1), nulls, plan.Request.SplitCount ?? options.ScanSplitCount);
    }

    /// <summary>
    /// Streams one slice. On failure it is read again (<c>scan.max-retries</c>): split slices resume from the last yielded
    /// split value and skip the rows with that value already yielded; whole reads are retried only before their first row.
    /// </summary>
    private async IAsyncEnumerable<T> ReadSliceAsync(ReadPlan plan, ScanSlice slice, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long yielded = 0, tiesYielded = 0;
        long? lastSplit = null;
        for (var attempt = 0; ; attempt++)
        {
            var skip = lastSplit is null ? yielded : tiesYielded;
            var resumeFrom = lastSplit;
            var limit = plan.Request.Limit - yielded + skip;
            ExceptionDispatchInfo? failure = null;
            DbConnection? connection = null;
            DbCommand? command = null;
            DbDataReader? reader = null;
            try
            {
                try
                {
                    connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
                    command = CreateCommand(connection, plan.SliceSql(slice, resumeFrom, limit));
                    BindSlice(command, plan, slice, resumeFrom);
                    reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }

                while (failure is null)
                {
                    T row;
                    try
                    {
                        // MySqlConnector's ReadAsync does not look at the token while rows are buffered: check it per row
                        cancellationToken.ThrowIfCancellationRequested();
                        if (!await reader!.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            break;
                        }

                        row = T.Read(reader, plan.Ordinals);
                        if (plan.SplitColumn is not null)
                        {
                            long? split = reader.IsDBNull(plan.SplitOrdinal) ? null : reader.GetInt64(plan.SplitOrdinal);
                            if (skip > 0)
                            {
                                skip--;
                                continue;
                            }

                            tiesYielded = split == lastSplit ? tiesYielded + 1 : 1;
                            lastSplit = split;
                        }
                    }
                    catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                    {
                        failure = ExceptionDispatchInfo.Capture(e);
                        break;
                    }

                    yielded++;
                    yield return row;
                }
            }
            finally
            {
                if (reader is not null)
                {
                    await reader.DisposeAsync().ConfigureAwait(false);
                }

                if (command is not null)
                {
                    await command.DisposeAsync().ConfigureAwait(false);
                }

                if (connection is not null)
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                }
            }

            if (failure is null)
            {
                yield break;
            }

            if (attempt >= options.ScanMaxRetries || (plan.SplitColumn is null && yielded > 0))
            {
                failure.Throw();
            }

            ReadTelemetry.ScanRetry(logger, T.Table.Table, failure.SourceException.Message, attempt + 1, yielded);
        }
    }

    private static void BindSlice(DbCommand command, ReadPlan plan, ScanSlice slice, long? resumeFrom)
    {
        if (slice.IsRange)
        {
            StarRocksSqlText.AddParameter(command, "__from", slice.From);
            StarRocksSqlText.AddParameter(command, "__to", slice.To);
        }

        if (resumeFrom is { } resume)
        {
            StarRocksSqlText.AddParameter(command, "__resume", resume);
        }

        BindRequestParameters(command, plan);
    }

    private static void BindRequestParameters(DbCommand command, ReadPlan plan)
    {
        foreach (var (name, value) in plan.Request.Parameters ?? new Dictionary<string, object?>())
        {
            StarRocksSqlText.AddParameter(command, name, value);
        }
    }

    private DbCommand CreateCommand(DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = options.ScanQueryTimeoutSeconds;
        return command;
    }

    /// <summary>Opens a pooled connection within <c>scan.connect.timeout-ms</c>.</summary>
    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        using var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connect.CancelAfter(options.ScanConnectTimeout);
        try
        {
            return await dataSource.OpenConnectionAsync(connect.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No connection to StarRocks within scan.connect.timeout-ms ({options.ScanConnectTimeout.TotalMilliseconds} ms).");
        }
    }
}
