using System;
using System.Text;

namespace StarRocks.Typed.Generators.Helpers;

/// <summary>Writes C# source text with indentation and braces, like dotnet/runtime's <c>SourceWriter</c>.</summary>
internal sealed class SourceWriter
{
    private const int IndentSize = 4;
    private readonly StringBuilder _builder = new();
    private int _indentation;

    /// <summary>Writes one line at the current indentation (an empty line when <paramref name="text"/> is empty).</summary>
    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
            _builder.Append(' ', _indentation * IndentSize).Append(text);
        _builder.Append('\n');
        return this;
    }

    /// <summary>Writes a statement, wrapped in <c>#pragma warning disable/restore CS8631</c> when <paramref name="suppress"/>.</summary>
    public SourceWriter LineWithoutNullabilityConstraintWarning(string statement, bool suppress)
    {
        if (!suppress)
            return Line(statement);
        _builder.Append("#pragma warning disable CS8631\n");
        Line(statement);
        _builder.Append("#pragma warning restore CS8631\n");
        return this;
    }

    /// <summary>Writes <paramref name="header"/> and an opening brace, and indents until the returned scope is disposed.</summary>
    public Block Open(string header)
    {
        Line(header);
        Line("{");
        _indentation++;
        return new Block(this);
    }

    /// <summary>Indents without braces until the returned scope is disposed.</summary>
    public Indent Indented()
    {
        _indentation++;
        return new Indent(this);
    }

    public override string ToString() => _builder.ToString();

    /// <summary>Closes a brace block.</summary>
    internal readonly struct Block(SourceWriter writer) : IDisposable
    {
        public void Dispose()
        {
            writer._indentation--;
            writer.Line("}");
        }
    }

    /// <summary>Ends an indentation.</summary>
    internal readonly struct Indent(SourceWriter writer) : IDisposable
    {
        public void Dispose() => writer._indentation--;
    }
}
