using System.Collections.Immutable;

namespace StarRocks.Typed.Sink;

/// <summary>
/// The columns of a partial update of <typeparamref name="T"/> (<see cref="IStarRocksSink{T}.WritePartialAsync"/>): the
/// key columns are always included. Create once and reuse; sets with the same columns are equal.
/// </summary>
/// <typeparam name="T">The generated row type.</typeparam>
public sealed class StarRocksColumnSet<T> : IEquatable<StarRocksColumnSet<T>> where T : IStarRocksTable<T>
{
    private readonly string _identity;

    private StarRocksColumnSet(ImmutableArray<bool> included)
    {
        Included = included;
        _identity = string.Concat(included.Select(i => i ? '1' : '0'));
    }

    /// <summary>Per column of <c>T.Table.Columns</c> (table order): whether it is loaded.</summary>
    public ImmutableArray<bool> Included { get; }

    /// <summary>A set of the key columns plus <paramref name="columns"/>, by column name or C# member name.</summary>
    /// <param name="columns">The value columns to update.</param>
    /// <returns>The set.</returns>
    /// <exception cref="ArgumentException">A name is not a column of the table.</exception>
    public static StarRocksColumnSet<T> Of(params string[] columns)
    {
        var table = T.Table;
        var included = table.Columns.Select(c => c.IsKey).ToArray();
        foreach (var name in columns)
        {
            var index = -1;
            for (var i = 0; i < table.Columns.Length && index < 0; i++)
            {
                var column = table.Columns[i];
                index = column.Name.Equals(name, StringComparison.OrdinalIgnoreCase) || column.MemberName.Equals(name, StringComparison.Ordinal) ? i : -1;
            }

            if (index < 0)
            {
                throw new ArgumentException($"'{name}' is not a column of {table.Database}.{table.Table}.", nameof(columns));
            }

            included[index] = true;
        }

        return new StarRocksColumnSet<T>([.. included]);
    }

    /// <inheritdoc />
    public bool Equals(StarRocksColumnSet<T>? other) => other is not null && other._identity == _identity;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as StarRocksColumnSet<T>);

    /// <inheritdoc />
    public override int GetHashCode() => _identity.GetHashCode(StringComparison.Ordinal);
}
