using MedChain.Api.Hosting;

await ApiApplication.Build(args).RunAsync();
