using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Switchyard.Benchmarks -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Switchyard.Benchmarks.Inputs).Assembly).Run(args);
