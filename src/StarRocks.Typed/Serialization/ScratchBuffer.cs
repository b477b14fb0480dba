using System.Buffers;

namespace StarRocks.Typed.Serialization;

/// <summary>The calling thread's buffer for nested values that CSV writes as text (JSON columns, ARRAY, MAP) while a row is being written.</summary>
internal static class ScratchBuffer
{
    [ThreadStatic] private static ArrayBufferWriter<byte>? s_nested;

    /// <summary>The calling thread's buffer for a nested value, emptied.</summary>
    public static ArrayBufferWriter<byte> Rent()
    {
        var buffer = s_nested ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        return buffer;
    }
}
