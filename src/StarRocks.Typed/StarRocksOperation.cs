namespace StarRocks.Typed;

/// <summary>The Stream Load <c>__op</c> value of a row of a PRIMARY KEY table.</summary>
public enum StarRocksOperation
{
    /// <summary>Insert or replace the row with this key (<c>__op = 0</c>).</summary>
    Upsert = 0,

    /// <summary>Delete the row with this key (<c>__op = 1</c>).</summary>
    Delete = 1,
}
