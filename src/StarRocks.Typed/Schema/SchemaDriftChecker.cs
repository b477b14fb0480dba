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
        var live = await LiveColumns.ReadAsync(dataSource, db, table.Table, cancellationToken).ConfigureAwait(false);
        if (live.Count == 0)
        {
            return new StarRocksSchemaDrift(db, table.Table, false, []);
        }

        var liveByName = live.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        var drifts = ImmutableArray.CreateBuilder<StarRocksColumnDrift>();
        for (var i = 0; i < table.Columns.Length; i++)
        {
            var column = table.Columns[i];
            if (!liveByName.TryGetValue(column.Name, out var existing))
            {
                drifts.Add(new(column.Name, StarRocksColumnDriftKind.Missing, column.StarRocksType, null, StarRocksSqlText.AddColumn(table, database, i)));
            }
            else if (KindOf(column, existing) is { } kind)
            {
                drifts.Add(new(column.Name, kind, column.StarRocksType, existing.Type,
                    CanModify(table, column, existing) ? StarRocksSqlText.ModifyColumn(table, database, i) : null));
            }
        }

        var modelNames = table.Columns.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var extra in live.Where(c => !modelNames.Contains(c.Name)))
        {
            drifts.Add(new(extra.Name, StarRocksColumnDriftKind.Extra, null, extra.Type, StarRocksSqlText.DropColumn(table, database, extra.Name)));
        }

        return new StarRocksSchemaDrift(db, table.Table, true, drifts.ToImmutable());
    }

    private static StarRocksColumnDriftKind? KindOf(StarRocksColumnInfo model, LiveColumn live) =>
        Normalize(live.Type) != Normalize(model.StarRocksType) ? StarRocksColumnDriftKind.Mistyped
        : live.IsNullable == model.IsNullable ? null
        : live.IsNullable ? StarRocksColumnDriftKind.TableTakesNull
        : StarRocksColumnDriftKind.TableRefusesNull;

    /// <summary>
    /// Whether StarRocks makes the <c>MODIFY COLUMN</c> to the model's definition: not of a PRIMARY KEY table's key
    /// column (<c>SchemaChangeHandler</c>, "Can not modify key column"), and passing <c>Column.checkSchemaChangeAllowed</c>
    /// (StarRocks repo <c>fe/fe-core/src/main/java/com/starrocks/catalog/Column.java</c>): a type it converts, never
    /// from nullable to non-nullable, the same default.
    /// </summary>
    private static bool CanModify(StarRocksTableInfo table, StarRocksColumnInfo model, LiveColumn live) =>
        !(model.IsKey && table.Kind == StarRocksTableKind.PrimaryKey)
        && StarRocksTypeChange.IsAllowed(live.Type, model.StarRocksType)
        && !(live.IsNullable && !model.IsNullable)
        && string.Equals(DefaultText(model.Default), DefaultText(live.Default), StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A default as compared: a DDL string literal unquoted (<c>"n/a"</c> as <c>n/a</c>, as <c>information_schema</c>
    /// reports it), <c>NULL</c> as none, an expression without its outer parentheses.
    /// </summary>
    private static string? DefaultText(string? value) => value switch
    {
        null or "NULL" => null,
        ['"', .. var literal, '"'] => Escape().Replace(literal, "$1"),
        ['(', .. var expression, ')'] => expression,
        _ => value,
    };

    /// <summary>A type as compared: lower case, no spaces, <c>decimal32/64/128</c> as <c>decimal</c>, <c>string</c> as <c>varchar(65533)</c>.</summary>
    internal static string Normalize(string type)
    {
        var text = Whitespace().Replace(type, "").ToLowerInvariant();
        text = DecimalWidth().Replace(text, "decimal(");
        return text == "string" ? "varchar(65533)" : text;
    }

    [GeneratedRegex(@"\\(.)", RegexOptions.Singleline)]
    private static partial Regex Escape();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"decimal(32|64|128|v3)\(")]
    private static partial Regex DecimalWidth();
}
