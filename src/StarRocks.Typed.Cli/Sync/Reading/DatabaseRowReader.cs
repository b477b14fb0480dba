using System.Data;
using System.Globalization;
using System.Runtime.CompilerServices;
using MySqlConnector;
using StarRocks.Typed.Cli.DataSources;
using StarRocks.Typed.Cli.Jobs;
using StarRocks.Typed.Sql;

namespace StarRocks.Typed.Cli.Sync.Reading;

/// <summary>
/// Reads tables over the MySQL protocol (a StarRocks FE or any MySQL-protocol database) with MySqlConnector. With
/// <c>splitPk</c>, each table's key range (<c>MIN</c>..<c>MAX</c> under <c>where</c>) is cut into as many equal ranges as
/// the job's concurrency, plus one read of the rows whose key is NULL, as DataX's reader splits by <c>splitPk</c>.
/// </summary>
internal sealed class DatabaseRowReader(DatabaseReader step) : IRowReader
{
    /// <inheritdoc />
    public async Task<ReadPlan> PlanAsync(int concurrency, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(step.DataSource, step.Database, cancellationToken).ConfigureAwait(false);
        var schema = await ReadSchemaAsync(connection, step.Tables[0], cancellationToken).ConfigureAwait(false);
        var splits = new List<ReadSplit>();
        foreach (var table in step.Tables)
        {
            if (table != step.Tables[0])
            {
                var other = await ReadSchemaAsync(connection, table, cancellationToken).ConfigureAwait(false);
                if (other.Names.Count != schema.Names.Count)
                {
                    throw new SyncException(SyncExitCode.InvalidJob,
                        $"reader table '{table}' has {other.Names.Count} of the columns read, table '{step.Tables[0]}' {schema.Names.Count}; the tables of one reader need the same columns.");
                }
            }

            if (step.SplitPk is null)
                splits.Add(Split(table, table, null, null));
            else
                splits.AddRange(await SplitByKeyAsync(connection, table, concurrency, cancellationToken).ConfigureAwait(false));
        }

        return new ReadPlan(schema, splits);
    }

    /// <summary>Opens a connection to <paramref name="source"/>'s FEs (failing over in URL order), in <paramref name="database"/>.</summary>
    public static async Task<MySqlConnection> OpenAsync(DataSource source, string? database, CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(source.ConnectionString(database));
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private string Select(string table) =>
        $"SELECT {(step.AllColumns ? "*" : string.Join(", ", step.Columns.Select(StarRocksSqlText.Quote)))} FROM {StarRocksSqlText.Quote(step.Database)}.{StarRocksSqlText.Quote(table)}";

    private string Where(params string?[] conditions)
    {
        var all = conditions.Prepend(step.Where).OfType<string>().Select(c => $"({c})").ToList();
        return all.Count == 0 ? "" : " WHERE " + string.Join(" AND ", all);
    }

    private async Task<RowSchema> ReadSchemaAsync(MySqlConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand($"{Select(table)} WHERE 1 = 0", connection);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SchemaOnly, cancellationToken).ConfigureAwait(false);
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var kinds = Enumerable.Range(0, reader.FieldCount).Select(i => LoadText.For(reader.GetFieldType(i), reader.GetDataTypeName(i)).Kind).ToList();
        return new RowSchema(names, kinds);
    }

    private async Task<IEnumerable<ReadSplit>> SplitByKeyAsync(MySqlConnection connection, string table, int concurrency, CancellationToken cancellationToken)
    {
        var key = StarRocksSqlText.Quote(step.SplitPk!);
        var from = $"FROM {StarRocksSqlText.Quote(step.Database)}.{StarRocksSqlText.Quote(table)}{Where()}";
        await using var command = new MySqlCommand($"SELECT MIN({key}), MAX({key}), COUNT(*) {from}", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var keyType = reader.GetFieldType(0);
        if (keyType != typeof(long) && keyType != typeof(int) && keyType != typeof(short) && keyType != typeof(sbyte)
            && keyType != typeof(byte) && keyType != typeof(ushort) && keyType != typeof(uint) && keyType != typeof(ulong))
        {
            throw new SyncException(SyncExitCode.InvalidJob,
                $"reader splitPk '{step.SplitPk}' of table '{table}' is {reader.GetDataTypeName(0)}; splitPk must be an integer column.");
        }

        var name = table;
        var count = Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture);
        if (reader.IsDBNull(0))
            return [Split(table, name, null, count)]; // no keys (or only NULL keys): one read
        var min = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
        var max = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
        var width = (Int128)max - min + 1;
        var parts = (int)Int128.Min(concurrency, width);
        var splits = new List<ReadSplit>(parts + 1);
        for (var i = 0; i < parts; i++)
        {
            var low = (long)(min + width * i / parts);
            var high = (long)(min + width * (i + 1) / parts - 1);
            splits.Add(Split(table, $"{name} {step.SplitPk} {low}..{high}",
                FormattableString.Invariant($"{key} >= {low} AND {key} <= {high}"), count / parts));
        }

        splits.Add(Split(table, $"{name} {step.SplitPk} NULL", $"{key} IS NULL", null));
        return splits;
    }

    private ReadSplit Split(string table, string name, string? range, long? estimatedRows) =>
        new(name, estimatedRows, token => ReadAsync($"{Select(table)}{Where(range)}", token));

    private async IAsyncEnumerable<RowChunk> ReadAsync(string sql, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(step.DataSource, step.Database, cancellationToken).ConfigureAwait(false);
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var columns = Enumerable.Range(0, reader.FieldCount).Select(i => LoadText.For(reader.GetFieldType(i), reader.GetDataTypeName(i)).Read).ToArray();
        var chunk = new RowChunk(columns.Length);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < columns.Length; i++)
            {
                if (reader.IsDBNull(i))
                    chunk.AddNull();
                else
                    columns[i](reader, i, chunk);
            }

            if (chunk.IsFull)
            {
                yield return chunk;
                chunk = new RowChunk(columns.Length);
            }
        }

        if (chunk.RowCount > 0)
            yield return chunk;
        else
            chunk.Dispose();
    }
}
