namespace DeepLinear.Interactive;

/// <summary>
/// Progress reporting for long cells: <c>Report.To&lt;int&gt;(done =&gt; handle.Update(...))</c> turns a display
/// handle's update into the <see cref="IProgress{T}"/> a trainer accepts. Unlike <see cref="Progress{T}"/> it calls
/// back synchronously, so the last update lands before the cell ends.
/// </summary>
public static class Report
{
    public static IProgress<T> To<T>(Action<T> update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return new Synchronous<T>(update);
    }

    sealed class Synchronous<T>(Action<T> update) : IProgress<T>
    {
        public void Report(T value) => update(value);
    }
}
