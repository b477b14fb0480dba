using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using StarRocks.Typed.Schema;
using StarRocks.Typed.Sql;

namespace StarRocks.Typed.Cdc.Schema;

/// <summary>
/// Runs the CDC sink's DDL through the FEs' MySQL protocol: statements, the live columns of a table, and ALTERs awaited
/// as StarRocks's Flink CDC pipeline sink awaits them (Flink CDC, <c>StarRocksMetadataApplier</c>; StarRocks's Flink
/// connector, <c>StarRocksCatalog</c>): <c>SHOW ALTER TABLE COLUMN FROM db WHERE TableName = 't' ORDER BY JobId DESC LIMIT 1</c>
/// until the job is FINISHED, failing on CANCELLED or after <c>table.schema-change.timeout</c>.
/// </summary>
/// <param name="dataSource">A data source pointing at an FE.</param>
/// <param name="timeout">The schema-change timeout.</param>
internal sealed class CdcDdl(DbDataSource dataSource, TimeSpan timeout)
{
    private static readonly TimeSpan MaxPollInterval = TimeSpan.FromSeconds(3);

    /// <summary>Runs <paramref name="sql"/>.</summary>
    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = (int)Math.Min(int.MaxValue, Math.Ceiling(timeout.TotalSeconds));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The columns of <paramref name="database"/>.<paramref name="table"/> in table order (empty when there is no such table).</summary>
    public Task<IReadOnlyList<LiveColumn>> ReadColumnsAsync(string database, string table, CancellationToken cancellationToken) =>
        LiveColumns.ReadAsync(dataSource, database, table, cancellationToken);

    /// <summary>
    /// Runs an <c>ALTER TABLE</c> (<paramref name="clauses"/> after the table name) with <c>PROPERTIES ("timeout" = …)</c>
    /// when <paramref name="withTimeout"/>, and waits for its schema-change job. A change StarRocks makes without a job
    /// (<c>fast_schema_evolution</c>, a rename) lists no new job and is done when the statement returns.
    /// </summary>
    public async Task AlterAsync(CdcTableId source, string database, string table, string clauses, bool withTimeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var before = await LatestJobAsync(database, table, cancellationToken).ConfigureAwait(false);
        var seconds = (long)Math.Ceiling(timeout.TotalSeconds);
        await ExecuteAsync(
            $"ALTER TABLE {StarRocksSqlText.Quote(database)}.{StarRocksSqlText.Quote(table)} {clauses}"
            + (withTimeout ? $" PROPERTIES (\"timeout\" = \"{seconds.ToString(CultureInfo.InvariantCulture)}\")" : ""),
            cancellationToken).ConfigureAwait(false);
        for (var wait = TimeSpan.FromMilliseconds(100); ; wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, MaxPollInterval.Ticks)))
        {
            var job = await LatestJobAsync(database, table, cancellationToken).ConfigureAwait(false);
            if (job is null || job.Value.Id == before?.Id || job.Value.State == "FINISHED")
            {
                return;
            }

            if (job.Value.State == "CANCELLED")
            {
                throw new StarRocksCdcException(source, null, $"StarRocks cancelled the schema change of {database}.{table} for {source} (job {job.Value.Id}): {job.Value.Message}");
            }

            if (Stopwatch.GetElapsedTime(started) + wait > timeout)
            {
                throw new StarRocksCdcException(source, null,
                    $"The schema change of {database}.{table} for {source} (job {job.Value.Id}, {job.Value.State}) did not finish within table.schema-change.timeout ({seconds} s).");
            }

            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(long Id, string State, string Message)?> LatestJobAsync(string database, string table, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SHOW ALTER TABLE COLUMN FROM {StarRocksSqlText.Quote(database)} WHERE TableName = @table ORDER BY JobId DESC LIMIT 1";
        StarRocksSqlText.AddParameter(command, "table", table);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return (Convert.ToInt64(reader["JobId"], CultureInfo.InvariantCulture),
            Convert.ToString(reader["State"], CultureInfo.InvariantCulture) ?? "",
            Convert.ToString(reader["Msg"], CultureInfo.InvariantCulture) ?? "");
    }
}
