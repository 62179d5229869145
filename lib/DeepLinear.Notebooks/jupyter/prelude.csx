// Run silently by deeplinear's engine in the C# kernel before a notebook's first cell.
//
// 1. Line numbers in stack traces: the kernel compiles cells without debug information, so an exception names no
//    line. Emitting it (file "cell", UTF-8) makes frames read "in cell:line N", N counted over the cell's lines
//    that are not kernel directives (#!..., #r, #i), which the kernel takes out before compiling.
// 2. display(...).Update(...) replacing its output: in Microsoft.DotNet.Interactive 1.0.0-beta.26120.1
//    (dotnet-interactive 1.0.712001, the final release), Kernel.display announces one DisplayedValue and returns
//    another, so every Update carries a display_id no client has seen and updates nothing. This display is the
//    kernel's own KernelInvocationContextExtensions.Display, which announces the handle it returns. A notebook
//    that declares its own display still gets its own.
((System.Action)(() =>
{
    var kernel = Microsoft.DotNet.Interactive.KernelInvocationContext.Current?.HandlingKernel;
    var field = kernel?.GetType().GetField("_scriptOptions", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance);
    var options = field?.GetValue(kernel);
    if (options is null) return;
    object With(string method, object argument) => options.GetType().GetMethod(method)!.Invoke(options, new[] { argument })!;
    options = With("WithEmitDebugInformation", true);
    options = With("WithFilePath", "cell");
    options = With("WithFileEncoding", System.Text.Encoding.UTF8);
    field!.SetValue(kernel, options);
}))();
Microsoft.DotNet.Interactive.Formatting.DisplayedValue display(object value, params string[] mimeTypes) =>
    Microsoft.DotNet.Interactive.KernelInvocationContextExtensions.Display(Microsoft.DotNet.Interactive.KernelInvocationContext.Current, value, mimeTypes);
