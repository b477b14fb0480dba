using System.Collections.Immutable;
using System.Data.Common;
using System.Text.RegularExpressions;
using StarRocks.Typed.Metadata;
using StarRocks.Typed.Source;
using StarRocks.Typed.Sql;

namespace StarRocks.Typed.Schema;

/// <summary>Compares models with their live tables through <c>information_schema.columns</c>.</summary>
/// <param name="dataSource">A MySQL-protocol data source pointing at an FE.</param>
/// <param name="database">The <c>database-name</c> override, or null for the models' databases.</param>
public sealed partial class SchemaDriftChecker(DbDataSource dataSource, string? database = null)
{
    /// <summary>Compares <typeparamref name="T"/> with its live table.</summary>
    /// <typeparam name="T">The generated row type.</typeparam>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The differences.</returns>
    public Task<StarRocksSchemaDrift> CheckAsync<T>(CancellationToken cancellationToken = default) where T : IStarRocksTable<T> =>
        CheckAsync(T.Table, cancellationToken);

    /// <summary>Compares <paramref name="table"/> with its live table.</summary>
    /// <param name="table">The model's metadata.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The differences.</returns>
    public async Task<StarRocksSchemaDrift> CheckAsync(StarRocksTableInfo table, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        var db = database ?? table.Database;
        var live = new List<(string Name, string Type)>();
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = LiveColumnsSql;
            StarRocksSqlText.AddParameter(command, "db", db);
            StarRocksSqlText.AddParameter(command, "table", table.Table);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                live.Add((reader.GetString(0), Convert.ToString(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)!));
            }
        }

        if (live.Count == 0)
        {
            return new StarRocksSchemaDrift(db, table.Table, false, []);
        }

        var liveByName = live.ToDictionary(c => c.Name, c => c.Type, StringComparer.OrdinalIgnoreCase);
        var drifts = ImmutableArray.CreateBuilder<StarRocksColumnDrift>();
        for (var i = 0; i < table.Columns.Length; i++)
        {
            var column = table.Columns[i];
            if (!liveByName.TryGetValue(column.Name, out var liveType))
            {
                drifts.Add(new(column.Name, StarRocksColumnDriftKind.Missing, column.StarRocksType, null, StarRocksSqlText.AddColumn(table, database, i)));
            }
            else if (Normalize(liveType) != Normalize(column.StarRocksType))
            {
                drifts.Add(new(column.Name, StarRocksColumnDriftKind.Mistyped, column.StarRocksType, liveType,
                    StarRocksTypeChange.IsAllowed(liveType, column.StarRocksType) ? StarRocksSqlText.ModifyColumn(table, database, i) : null));
            }
        }

        var modelNames = table.Columns.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (column, type) in live.Where(c => !modelNames.Contains(c.Name)))
        {
            drifts.Add(new(column, StarRocksColumnDriftKind.Extra, null, type, StarRocksSqlText.DropColumn(table, database, column)));
        }

        return new StarRocksSchemaDrift(db, table.Table, true, drifts.ToImmutable());
    }

    /// <summary>The query reading a live table's columns (<c>@db</c>, <c>@table</c>).</summary>
    internal const string LiveColumnsSql =
        "SELECT COLUMN_NAME, COLUMN_TYPE FROM information_schema.columns WHERE TABLE_SCHEMA = @db AND TABLE_NAME = @table ORDER BY ORDINAL_POSITION";

    /// <summary>A type as compared: lower case, no spaces, <c>decimal32/64/128</c> as <c>decimal</c>, <c>string</c> as <c>varchar(65533)</c>.</summary>
    internal static string Normalize(string type)
    {
        var text = Whitespace().Replace(type, "").ToLowerInvariant();
        text = DecimalWidth().Replace(text, "decimal(");
        return text == "string" ? "varchar(65533)" : text;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"decimal(32|64|128|v3)\(")]
    private static partial Regex DecimalWidth();
}
