using System.Globalization;
using DeepLinear.Notebooks.Execution;

namespace DeepLinear.Cli;

/// <summary>
/// The progress of <c>deeplinear run</c> on stderr: a line per notebook started and per cell finished, and, while a
/// cell runs, its elapsed time and the latest text it displayed (a <c>display(...).Update(...)</c> progress line).
/// In a terminal that live line is one line rewritten in place; otherwise a plain line is written every
/// <see cref="PlainInterval"/> for each cell running longer than that. Thread-safe: notebooks may run concurrently,
/// and then every line names its notebook.
/// </summary>
public sealed class RunProgressPrinter : IDisposable
{
    /// <summary>How often a running cell is reported when stderr is not a terminal.</summary>
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    static readonly TimeSpan TerminalInterval = TimeSpan.FromMilliseconds(500);

    readonly object _gate = new();
    readonly TextWriter _stderr;
    readonly bool _terminal;
    readonly bool _nameEveryLine;
    readonly Func<TimeSpan> _now;
    readonly Dictionary<string, Running> _running = new(StringComparer.Ordinal);
    readonly Timer? _timer;
    bool _liveLineShown;

    sealed class Running(int cellNumber, bool injected, TimeSpan started)
    {
        public int CellNumber { get; } = cellNumber;
        public bool Injected { get; } = injected;
        public TimeSpan Started { get; } = started;
        public TimeSpan LastReported { get; set; } = started;
        public string Text { get; set; } = "";
    }

    /// <summary>
    /// A printer writing to <paramref name="stderr"/>; <paramref name="terminal"/>: it is a terminal (rewrite one line);
    /// <paramref name="nameEveryLine"/>: notebooks run concurrently; <paramref name="now"/>: the clock (null: real time,
    /// with a timer that reports running cells; a test passes its own clock and calls <see cref="Tick"/>).
    /// </summary>
    public RunProgressPrinter(TextWriter stderr, bool terminal, bool nameEveryLine, Func<TimeSpan>? now = null)
    {
        _stderr = stderr;
        _terminal = terminal;
        _nameEveryLine = nameEveryLine;
        if (now is null)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            _now = () => clock.Elapsed;
            var interval = terminal ? TerminalInterval : TimeSpan.FromSeconds(1);
            _timer = new Timer(_ => Tick(), null, interval, interval);
        }
        else
        {
            _now = now;
        }
    }

    /// <summary>Notebook <paramref name="ordinal"/> of <paramref name="count"/> begins.</summary>
    public void NotebookStarted(int ordinal, int count, string path) => Line($"[{ordinal}/{count}] {path}");

    /// <summary>A notebook ended; a failure's report is printed in full.</summary>
    public void NotebookFinished(NotebookResult result)
    {
        lock (_gate) _running.Remove(result.Path);
        if (result.Failure is { } failure) Line(failure.Report);
    }

    /// <summary>Handles one event of a running notebook (<see cref="RunnerOptions.OnProgress"/>).</summary>
    public void Report(RunProgress progress)
    {
        switch (progress)
        {
            case KernelStarted k:
                Line($"{Prefix(k.NotebookPath)}kernel ready in {Seconds(k.Elapsed)} s");
                break;
            case KernelRetried r:
                Line($"{Prefix(r.NotebookPath)}failed before the first cell ({r.Reason}); starting a fresh kernel");
                break;
            case CellStarted s:
                lock (_gate) _running[s.NotebookPath] = new Running(s.CellNumber, s.Injected, _now());
                break;
            case CellOutput o:
                lock (_gate)
                    if (_running.TryGetValue(o.NotebookPath, out var running) && running.CellNumber == o.CellNumber) running.Text = o.Text;
                break;
            case CellFinished f:
                lock (_gate) _running.Remove(f.NotebookPath);
                var which = f.Injected ? "injected parameters" : $"({f.CodeCellIndex}/{f.CodeCellCount} code)";
                Line($"{Prefix(f.NotebookPath)}cell {f.CellNumber} {which} {(f.Succeeded ? "ok" : "FAILED")} {Seconds(f.Elapsed)} s");
                break;
        }
    }

    /// <summary>Reports the running cells: rewrites the live line in a terminal, else writes a line for each cell due.</summary>
    public void Tick()
    {
        lock (_gate)
        {
            var now = _now();
            if (_terminal)
            {
                var live = string.Join(" | ", _running.Select(r => Describe(r.Key, r.Value, now)));
                if (live.Length == 0 && !_liveLineShown) return;
                _stderr.Write("\r\x1b[2K" + live);
                _stderr.Flush();
                _liveLineShown = live.Length > 0;
                return;
            }
            foreach (var (path, running) in _running)
            {
                if (now - running.LastReported < PlainInterval) continue;
                running.LastReported = now;
                _stderr.WriteLine(Describe(path, running, now));
            }
        }
    }

    string Describe(string path, Running running, TimeSpan now)
    {
        var cell = running.Injected ? $"injected parameters after cell {running.CellNumber}" : $"cell {running.CellNumber}";
        var text = running.Text.Length > 0 ? ": " + running.Text : "";
        return $"{Prefix(path)}{cell} running {(now - running.Started).TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s{text}";
    }

    void Line(string text)
    {
        lock (_gate)
        {
            if (_liveLineShown)
            {
                _stderr.Write("\r\x1b[2K");
                _liveLineShown = false;
            }
            _stderr.WriteLine(text);
        }
    }

    string Prefix(string path) => _nameEveryLine ? $"  {Path.GetFileNameWithoutExtension(path)}: " : "  ";

    static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Stops the timer and clears the live line.</summary>
    public void Dispose()
    {
        _timer?.Dispose();
        lock (_gate)
        {
            if (!_liveLineShown) return;
            _stderr.Write("\r\x1b[2K");
            _liveLineShown = false;
        }
    }
}
