namespace StarRocks.Typed;

/// <summary>
/// Receives each table type of an assembly's generated registry (<c>StarRocksTables.Visit</c>), as a generic argument,
/// so that DI registration and DDL tools can handle every table without reflection.
/// </summary>
public interface IStarRocksTableVisitor
{
    /// <summary>Called once per table type.</summary>
    void Visit<T>() where T : IStarRocksTable<T>;
}
