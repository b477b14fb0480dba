using System.Data.Common;
using StarRocks.Typed.Metadata;
using StarRocks.Typed.Sql;

namespace StarRocks.Typed.Schema;

/// <summary>Creates the databases and tables of typed models from their generated DDL.</summary>
public interface IStarRocksSchema
{
    /// <summary>Runs <c>CREATE DATABASE IF NOT EXISTS</c> and the model's <c>CREATE TABLE IF NOT EXISTS</c>.</summary>
    /// <typeparam name="T">The generated row type.</typeparam>
    /// <param name="cancellationToken">Cancels the statements.</param>
    /// <returns>Completes when the table exists.</returns>
    Task EnsureTableAsync<T>(CancellationToken cancellationToken = default) where T : IStarRocksTable<T>;

    /// <summary>Runs <c>CREATE DATABASE IF NOT EXISTS</c> and <paramref name="table"/>'s <c>CREATE TABLE IF NOT EXISTS</c>.</summary>
    /// <param name="table">The table metadata.</param>
    /// <param name="cancellationToken">Cancels the statements.</param>
    /// <returns>Completes when the table exists.</returns>
    Task EnsureTableAsync(StarRocksTableInfo table, CancellationToken cancellationToken = default);
}

/// <summary>Executes generated DDL through the registered <see cref="DbDataSource"/>.</summary>
/// <param name="dataSource">A MySQL-protocol data source pointing at an FE.</param>
internal sealed class StarRocksSchema(DbDataSource dataSource) : IStarRocksSchema
{
    public Task EnsureTableAsync<T>(CancellationToken cancellationToken = default) where T : IStarRocksTable<T> =>
        EnsureTableAsync(T.Table, cancellationToken);

    public async Task EnsureTableAsync(StarRocksTableInfo table, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var sql in new[] { StarRocksSqlText.CreateDatabase(table.Database), table.CreateTableSql })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
