using System.Text;

namespace DeepLinear.Notebooks.Execution;

/// <summary>
/// Routes <see cref="Console.Out"/> and <see cref="Console.Error"/> into the running cell's stream outputs
/// (stdout / stderr) and everything written outside a cell to the original console. Installed once per process.
/// </summary>
public static class ConsoleCapture
{
    static readonly object Gate = new();
    static bool _installed;

    /// <summary>Installs the routing writers (idempotent).</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (_installed) return;
            Console.SetOut(new RoutingWriter(Console.Out, "stdout"));
            Console.SetError(new RoutingWriter(Console.Error, "stderr"));
            _installed = true;
        }
    }

    sealed class RoutingWriter(TextWriter original, string stream) : TextWriter
    {
        public override Encoding Encoding => original.Encoding;

        public override void Write(char value) => Write(value.ToString());

        public override void Write(string? value)
        {
            if (value is null) return;
            if (CurrentCell.Outputs is { } cell) cell.Stream(stream, value);
            else original.Write(value);
        }

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void WriteLine(string? value) => Write(value + "\n");

        public override void WriteLine() => Write("\n");

        public override void Flush()
        {
            if (CurrentCell.Outputs is null) original.Flush();
        }
    }
}
