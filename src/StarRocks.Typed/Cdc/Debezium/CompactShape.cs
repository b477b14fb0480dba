using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StarRocks.Typed.Cdc.Debezium;

/// <summary>
/// The member names of one kind of object (the envelope, <c>source</c>) as the last message spelled them, each with what
/// the reader does with it: while messages keep their shape, a member's name is one comparison instead of a search.
/// Learns a new shape as it meets it (allocating then only).
/// </summary>
internal sealed class CompactShape
{
    private (CompactMemberName Member, int Role)[] _members = [];

    /// <summary>Per member index, the whole last member read there (<c>"name":value</c>) when it fit 32 bytes.</summary>
    private RememberedMember[] _lastRead = [];

    /// <summary>
    /// A member's bytes as one 32-byte comparison: <see cref="Head"/> masked by <see cref="Mask"/>; <see cref="Length"/> 0
    /// when none, -1 when the member at that index differed from the one before (a binlog position, a row number): it is
    /// neither compared nor remembered again until a new name is learned there. With its role and where its string
    /// value's content lies from the member's start (<see cref="ValueStart"/> -1 for null).
    /// </summary>
    private struct RememberedMember
    {
        public Vector256<byte> Head, Mask;
        public int Length, Role, ValueStart, ValueLength;
    }

    /// <summary>
    /// Where member <paramref name="index"/> ends (-1 when it does not repeat) when it is byte for byte the member read at
    /// that index last time and ends where it ended (a comma or the object's end follows): it is then that same valid JSON,
    /// with the same role (<see cref="RepeatedRole"/>) and value (<see cref="RepeatedValue"/>). Most members of Debezium's
    /// <c>source</c> repeat from event to event (version, connector, database, table, binlog file, …).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int AfterRepeated(ReadOnlySpan<byte> json, int position, int index)
    {
        var remembered = _lastRead;
        if (!Vector256.IsHardwareAccelerated || (uint)index >= (uint)remembered.Length || json.Length - position < Vector256<byte>.Count) return -1;
        ref var member = ref remembered[index];
        int end = position + member.Length;
        if (member.Length <= 0 || (uint)end >= (uint)json.Length || json[end] is not ((byte)',' or (byte)'}')) return -1;
        var bytes = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(json), (nuint)position);
        if (((bytes ^ member.Head) & member.Mask) == Vector256<byte>.Zero) return end;
        member.Length = -1;
        return -1;
    }

    /// <summary>The role of member <paramref name="index"/>, just read past with <see cref="AfterRepeated"/>.</summary>
    public int RepeatedRole(int index) => _lastRead[index].Role;

    /// <summary>The string content of member <paramref name="index"/>, read past with <see cref="AfterRepeated"/> from <paramref name="start"/> (empty for null).</summary>
    public ReadOnlyMemory<byte> RepeatedValue(ReadOnlyMemory<byte> json, int start, int index)
    {
        ref readonly var member = ref _lastRead[index];
        return member.ValueStart < 0 ? default : json.Slice(start + member.ValueStart, member.ValueLength);
    }

    /// <summary>
    /// Keeps the member from <paramref name="start"/> to <paramref name="end"/>, just read at <paramref name="index"/>
    /// with <paramref name="role"/> and a string value whose content starts at <paramref name="valueStart"/> (-1 when
    /// none), for <see cref="AfterRepeated"/>: one masked load, unless the member there varies.
    /// </summary>
    public void Remember(ReadOnlySpan<byte> json, int start, int end, int index, int role, int valueStart, int valueLength)
    {
        if (!Vector256.IsHardwareAccelerated) return; // without 32-byte vectors (e.g. Arm64) members are read as before
        if (index >= _lastRead.Length) Array.Resize(ref _lastRead, Math.Max(index + 1, _members.Length));
        ref var remembered = ref _lastRead[index];
        int length = end - start;
        if (remembered.Length < 0) return;
        if (length > Vector256<byte>.Count || json.Length - start < Vector256<byte>.Count)
        {
            remembered.Length = 0;
            return;
        }
        var mask = PrefixMasks[length];
        remembered.Head = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(json), (nuint)start) & mask;
        remembered.Mask = mask;
        (remembered.Length, remembered.Role) = (length, role);
        (remembered.ValueStart, remembered.ValueLength) = (valueStart < 0 ? -1 : valueStart - start, valueLength);
    }

    /// <summary>Per length 0–32, the mask of that many leading bytes.</summary>
    private static readonly Vector256<byte>[] PrefixMasks = [.. Enumerable.Range(0, Vector256<byte>.Count + 1).Select(length =>
    {
        Span<byte> mask = stackalloc byte[Vector256<byte>.Count];
        mask.Clear();
        mask[..length].Fill(0xFF);
        return Vector256.Create<byte>(mask);
    })];

    /// <summary>Where the name of member <paramref name="index"/> and the colon after it end (-1 when they are not JSON this reads); <paramref name="role"/> is what <paramref name="roleOf"/> gives for that name.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int AfterName(ReadOnlySpan<byte> json, int position, int index, Func<ReadOnlySpan<byte>, int> roleOf, out int role)
    {
        var members = _members;
        if ((uint)index < (uint)members.Length && members[index].Member.IsAt(json, position))
        {
            role = members[index].Role;
            return position + members[index].Member.Bytes.Length;
        }
        return AfterLearnedName(json, position, index, roleOf, out role);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int AfterLearnedName(ReadOnlySpan<byte> json, int position, int index, Func<ReadOnlySpan<byte>, int> roleOf, out int role)
    {
        role = 0;
        int end = CompactJson.AfterName(json, position);
        if (end < 0) return -1;
        role = roleOf(json[(position + 1)..(end - 2)]);
        if (index >= _members.Length) Array.Resize(ref _members, index + 1);
        _members[index] = (new CompactMemberName(json[position..end]), role);
        if (index < _lastRead.Length) _lastRead[index].Length = 0; // a new member there: compared again
        return end;
    }

    /// <summary>Where the object at <paramref name="position"/>, whose members follow this shape, ends (-1 when it is not JSON this reads); <paramref name="depth"/> is the nesting the object sits at.</summary>
    public int AfterObject(ReadOnlySpan<byte> json, int position, int depth)
    {
        if ((uint)position >= (uint)json.Length || json[position] != (byte)'{') return -1;
        position++;
        if (position < json.Length && json[position] == (byte)'}') return position + 1;
        for (int index = 0; ; index++)
        {
            if ((position = AfterName(json, position, index, NoRole, out _)) < 0 || (position = CompactJson.AfterValue(json, position, depth + 1)) < 0) return -1;
            switch (CompactJson.SeparatorAt(json, position++, (byte)'}'))
            {
                case Separator.Comma: continue;
                case Separator.Close: return position;
                default: return -1;
            }
        }
    }

    private static readonly Func<ReadOnlySpan<byte>, int> NoRole = _ => 0;
}
