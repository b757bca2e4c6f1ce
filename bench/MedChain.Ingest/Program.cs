using MedChain.Ingest;

// dotnet run -c Release --project bench/MedChain.Ingest -- [80] [112] [128]
return await IngestBenchmark.RunAsync(args);
