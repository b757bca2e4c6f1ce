using MedChain.Api.Hosting;

WebApplication app = WebApplication.CreateBuilder(args).AddMedChainApi().Build();
app.UseMedChainApi().Run();
