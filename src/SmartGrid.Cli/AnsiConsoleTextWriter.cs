using System.Text;
using Spectre.Console;

namespace SmartGrid.Cli;

/// <summary>Lets System.CommandLine's help and parse errors go wherever the command's console writes.</summary>
internal sealed class AnsiConsoleTextWriter(IAnsiConsole console) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => console.Profile.Out.Writer.Write(value);

    public override void Write(string? value) => console.Profile.Out.Writer.Write(value);

    public override void WriteLine(string? value) => console.Profile.Out.Writer.WriteLine(value);
}
