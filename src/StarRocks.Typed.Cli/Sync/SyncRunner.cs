using System.Threading.Channels;
using MySqlConnector;
using StarRocks.Typed.Cli.Jobs;
using StarRocks.Typed.Cli.Sync.Reading;
using StarRocks.Typed.Cli.Sync.Writing;

namespace StarRocks.Typed.Cli.Sync;

/// <summary>
/// Runs a validated job: plans the read (columns, splits), checks the writer's columns against it, runs <c>preSql</c>,
/// then reads the splits in parallel (at most the job's concurrency at once) into one bounded channel that the writer's
/// loads drain, and runs <c>postSql</c> when every row is written. Nothing is written before the plan and the column
/// check pass; a failure anywhere stops the reads and the loads.
/// </summary>
internal static class SyncRunner
{
    /// <summary>Runs <paramref name="job"/>, counting into <paramref name="counters"/>.</summary>
    /// <exception cref="SyncException">The job failed; its exit code says where.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task RunAsync(JobScript job, SyncCounters counters, CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(job, cancellationToken).ConfigureAwait(false);
        if (job.Writer is StarRocksWriter target && target.Columns.Count != plan.Schema.Names.Count)
        {
            throw new SyncException(SyncExitCode.InvalidJob,
                $"the writer's column lists {target.Columns.Count} columns but the reader reads {plan.Schema.Names.Count} ({string.Join(", ", plan.Schema.Names)}).");
        }

        var writer = RowWriters.Create(job.Writer, plan.Schema, job.Concurrency);
        await using (writer.ConfigureAwait(false))
        {
            await writer.PrepareAsync(cancellationToken).ConfigureAwait(false);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var channel = Channel.CreateBounded<RowChunk>(new BoundedChannelOptions(job.Concurrency * 4) { SingleWriter = false, SingleReader = false });
            var splits = plan.Splits.Select(s => (Split: s, Progress: counters.AddSplit(s.Name, s.EstimatedRows))).ToList();
            var reading = ReadAllAsync(splits, channel.Writer, job.Concurrency, stop.Token);
            var writing = WriteAsync(writer, channel.Reader, counters, stop);
            try
            {
                await Task.WhenAll(reading, writing).ConfigureAwait(false); // a failed write stops the reads through `stop`
            }
            catch
            {
                // the failure that stopped the job, not the cancellation it caused on the other side
                var failures = new[] { reading, writing }.Where(t => t.Exception is not null).SelectMany(t => t.Exception!.InnerExceptions).ToList();
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failures.OfType<SyncException>().FirstOrDefault() ?? failures.FirstOrDefault()
                    ?? new OperationCanceledException(cancellationToken));
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<ReadPlan> PlanAsync(JobScript job, CancellationToken cancellationToken)
    {
        try
        {
            return await RowReaders.Create(job.Reader).PlanAsync(job.Concurrency, cancellationToken).ConfigureAwait(false);
        }
        catch (MySqlException e)
        {
            throw new SyncException(SyncExitCode.ReadFailed, $"reading the source failed: {e.Message}", e);
        }
    }

    private static async Task ReadAllAsync(
        List<(ReadSplit Split, SplitProgress Progress)> splits, ChannelWriter<RowChunk> output, int concurrency, CancellationToken cancellationToken)
    {
        try
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(splits, options, async (split, token) =>
            {
                await foreach (var chunk in split.Split.Read(token).ConfigureAwait(false))
                {
                    split.Progress.Read(chunk); // before the writer takes (and disposes) it
                    await output.WriteAsync(chunk, token).ConfigureAwait(false);
                }

                split.Progress.Finish();
            }).ConfigureAwait(false);
            output.Complete();
        }
        catch (OperationCanceledException e)
        {
            output.Complete(e);
            throw;
        }
        catch (Exception e) when (e is MySqlException or IOException or UnauthorizedAccessException)
        {
            var failure = new SyncException(SyncExitCode.ReadFailed, $"reading the source failed: {e.Message}", e);
            output.Complete(failure);
            throw failure;
        }
        catch (Exception e)
        {
            output.Complete(e);
            throw;
        }
    }

    private static async Task WriteAsync(IRowWriter writer, ChannelReader<RowChunk> rows, SyncCounters counters, CancellationTokenSource stop)
    {
        try
        {
            await writer.WriteAsync(rows, counters, stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not SyncException and not OperationCanceledException)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            throw new SyncException(SyncExitCode.LoadFailed, $"writing failed: {e.Message}", e);
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }
}
