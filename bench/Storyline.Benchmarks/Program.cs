using BenchmarkDotNet.Running;
using Storyline.Benchmarks;

if (args.Length > 0 && args[0] == "html-speed") HtmlSpeed.Run(args[1..]);
else BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
