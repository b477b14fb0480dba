using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Text;

namespace StarRocks.Typed.Serialization;

/// <summary>Per-enum cached facts: underlying-type conversion without boxing and UTF-8 names.</summary>
internal static class EnumInfo<TEnum> where TEnum : struct, Enum
{
    public static readonly bool IsUnsigned = Type.GetTypeCode(typeof(TEnum)) is TypeCode.Byte or TypeCode.UInt16 or TypeCode.UInt32 or TypeCode.UInt64;

    private static readonly FrozenDictionary<TEnum, byte[]> s_names =
        Enum.GetValues<TEnum>().Distinct().ToFrozenDictionary(v => v, v => Encoding.UTF8.GetBytes(v.ToString()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ToInt64(TEnum value) => Unsafe.SizeOf<TEnum>() switch
    {
        1 => Unsafe.As<TEnum, sbyte>(ref value),
        2 => Unsafe.As<TEnum, short>(ref value),
        4 => Unsafe.As<TEnum, int>(ref value),
        _ => Unsafe.As<TEnum, long>(ref value),
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ToUInt64(TEnum value) => Unsafe.SizeOf<TEnum>() switch
    {
        1 => Unsafe.As<TEnum, byte>(ref value),
        2 => Unsafe.As<TEnum, ushort>(ref value),
        4 => Unsafe.As<TEnum, uint>(ref value),
        _ => Unsafe.As<TEnum, ulong>(ref value),
    };

    /// <summary>The UTF-8 name (cached for defined values; flag combinations and undefined values use <see cref="Enum.ToString()"/>).</summary>
    public static ReadOnlySpan<byte> GetUtf8Name(TEnum value)
        => s_names.TryGetValue(value, out var name) ? name : Encoding.UTF8.GetBytes(value.ToString());
}
