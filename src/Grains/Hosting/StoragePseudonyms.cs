using System.Security.Cryptography;
using System.Text;

namespace MedChain.Grains.Hosting;

/// <summary>
/// How a patient is named in storage keys and rows outside his own grain: a keyed pseudonym,
/// HMAC-SHA256 under a key derived from the key-encryption key (label <see cref="KeyLabel"/>), so
/// that whoever reads the storage without the KEK cannot tell which patients a hospital has, where
/// a patient's records are, or whose access log is whose, nor test a guessed id.
/// </summary>
public sealed class StoragePseudonyms(KeyProtector keys)
{
    /// <summary>The label the pseudonyms' key is derived under.</summary>
    public const string KeyLabel = "storage-pseudonym";

    private readonly byte[] _key = keys.DeriveKey(KeyLabel);

    /// <summary>The patient's pseudonym in storage: "p" and 32 hex digits (128 bits of the MAC).</summary>
    public string Patient(string patientId) =>
        "p" + Convert.ToHexString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes("patient\0" + patientId)), 0, 16).ToLowerInvariant();
}
