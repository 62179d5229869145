using DeepLinear.Cli;

return Cli.Execute(args, Console.Out, Console.Error);
