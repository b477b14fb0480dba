using System.Buffers;

namespace StarRocks.Typed.Serialization;

/// <summary>
/// Per-thread buffers: one for a whole row before it is appended to a batch (the sink), one for nested values that
/// CSV writes as text (JSON columns, ARRAY, MAP) while that row is being written.
/// </summary>
internal static class ScratchBuffer
{
    [ThreadStatic] private static ArrayBufferWriter<byte>? s_nested;
    [ThreadStatic] private static ArrayBufferWriter<byte>? s_row;

    /// <summary>The calling thread's buffer for a nested value, emptied.</summary>
    public static ArrayBufferWriter<byte> Rent() => Empty(ref s_nested);

    /// <summary>The calling thread's buffer for one serialized row, emptied.</summary>
    public static ArrayBufferWriter<byte> RentForRow() => Empty(ref s_row);

    private static ArrayBufferWriter<byte> Empty(ref ArrayBufferWriter<byte>? slot)
    {
        var buffer = slot ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        return buffer;
    }
}
