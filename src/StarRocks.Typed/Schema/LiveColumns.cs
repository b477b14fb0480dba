using System.Data.Common;
using System.Globalization;
using StarRocks.Typed.Sql;

namespace StarRocks.Typed.Schema;

/// <summary>A column of a live StarRocks table, from <c>information_schema.columns</c>.</summary>
/// <param name="Name">The name.</param>
/// <param name="Type">The type as StarRocks reports it, e.g. <c>varchar(30)</c>.</param>
/// <param name="IsNullable">Whether it takes NULL.</param>
/// <param name="IsKey">Whether it is a PRIMARY KEY column (<c>COLUMN_KEY</c> <c>PRI</c>).</param>
/// <param name="Default">The default as StarRocks reports it (unquoted; <c>CURRENT_TIMESTAMP</c>), or null.</param>
internal sealed record LiveColumn(string Name, string Type, bool IsNullable, bool IsKey, string? Default);

/// <summary>Reads a live table's columns through an FE's MySQL protocol.</summary>
internal static class LiveColumns
{
    /// <summary>The query (<c>@db</c>, <c>@table</c>).</summary>
    internal const string Sql = "SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_KEY, COLUMN_DEFAULT FROM information_schema.columns"
        + " WHERE TABLE_SCHEMA = @db AND TABLE_NAME = @table ORDER BY ORDINAL_POSITION";

    /// <summary>The columns of <paramref name="database"/>.<paramref name="table"/> in table order (empty when there is no such table).</summary>
    public static async Task<IReadOnlyList<LiveColumn>> ReadAsync(DbDataSource dataSource, string database, string table, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        StarRocksSqlText.AddParameter(command, "db", database);
        StarRocksSqlText.AddParameter(command, "table", table);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var columns = new List<LiveColumn>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            columns.Add(new LiveColumn(
                reader.GetString(0),
                Convert.ToString(reader.GetValue(1), CultureInfo.InvariantCulture)!,
                "YES".Equals(Convert.ToString(reader.GetValue(2), CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase),
                !reader.IsDBNull(3) && reader.GetString(3) == "PRI",
                reader.IsDBNull(4) ? null : Convert.ToString(reader.GetValue(4), CultureInfo.InvariantCulture)));
        }

        return columns;
    }
}
