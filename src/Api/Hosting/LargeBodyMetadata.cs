namespace MedChain.Api.Hosting;

/// <summary>Endpoint metadata: this endpoint accepts bodies up to <c>Api:MaxRequestBodyBytes</c> (records); others get the small limit.</summary>
public sealed class LargeBodyMetadata;
