using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace WebsocketProxy.Generators;

/// <summary>Writes indented C# source; the emitter never concatenates indentation by hand.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indentation;

    public void WriteLine(string line = "")
    {
        if (line.Length > 0)
        {
            _builder.Append(' ', _indentation * 4);
            _builder.Append(line);
        }

        _builder.Append('\n');
    }

    /// <summary>Writes <paramref name="line"/> and opens a block.</summary>
    public void Open(string line)
    {
        WriteLine(line);
        WriteLine("{");
        _indentation++;
    }

    /// <summary>Closes a block, with an optional suffix such as <c>;</c>.</summary>
    public void Close(string suffix = "")
    {
        _indentation--;
        WriteLine("}" + suffix);
    }

    public void Indent() => _indentation++;

    public void Unindent() => _indentation--;

    public SourceText ToSourceText() => SourceText.From(_builder.ToString(), Encoding.UTF8);
}
