using MedChain.Silo;
using Orleans.Dashboard;

WebApplication app = WebApplication.CreateBuilder(args).AddMedChainSilo().Build();
app.MapHealthChecks("/health");
app.MapOrleansDashboard("/dashboard");
app.Run();
