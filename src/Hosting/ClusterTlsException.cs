namespace MedChain.Hosting;

/// <summary>The cluster's TLS settings cannot be used; the message names the configuration key.</summary>
public sealed class ClusterTlsException(string message) : Exception(message);
