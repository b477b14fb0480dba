using System.Runtime.CompilerServices;

namespace StarRocks.Typed.Cdc.Debezium;

/// <summary>
/// The member names of one kind of object (the envelope, <c>source</c>) as the last message spelled them, each with what
/// the reader does with it: while messages keep their shape, a member's name is one comparison instead of a search.
/// Learns a new shape as it meets it (allocating then only).
/// </summary>
internal sealed class CompactShape
{
    private (CompactMemberName Member, int Role)[] _members = [];

    /// <summary>Reads the name of member <paramref name="index"/> and the colon after it; <paramref name="role"/> is what <paramref name="roleOf"/> gives for that name.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryName(ReadOnlySpan<byte> json, ref int position, int index, Func<ReadOnlySpan<byte>, int> roleOf, out int role)
    {
        var members = _members;
        if ((uint)index < (uint)members.Length && members[index].Member.IsAt(json, position))
        {
            role = members[index].Role;
            position += members[index].Member.Bytes.Length;
            return true;
        }
        return TryLearnName(json, ref position, index, roleOf, out role);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryLearnName(ReadOnlySpan<byte> json, ref int position, int index, Func<ReadOnlySpan<byte>, int> roleOf, out int role)
    {
        role = 0;
        int start = position;
        if (!CompactJson.TryName(json, ref position, out var name)) return false;
        role = roleOf(name);
        if (index >= _members.Length) Array.Resize(ref _members, index + 1);
        _members[index] = (new CompactMemberName(json[start..position]), role);
        return true;
    }

    /// <summary>Reads past an object whose members follow this shape, skipping their values; <paramref name="depth"/> is the nesting the object sits at.</summary>
    public bool TrySkipObject(ReadOnlySpan<byte> json, ref int position, int depth)
    {
        if ((uint)position >= (uint)json.Length || json[position] != (byte)'{') return false;
        position++;
        if (position < json.Length && json[position] == (byte)'}')
        {
            position++;
            return true;
        }
        int index = 0;
        bool end;
        do
        {
            if (!TryName(json, ref position, index++, NoRole, out _) || !CompactJson.TrySkip(json, ref position, depth + 1) || !CompactJson.TryNext(json, ref position, (byte)'}', out end)) return false;
        }
        while (!end);
        return true;
    }

    private static readonly Func<ReadOnlySpan<byte>, int> NoRole = _ => 0;
}
