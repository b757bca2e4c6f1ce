using System.CommandLine;
using MedChain.Contracts;
using MedChain.Protocol.Keys;

namespace MedChain.Client.Cli;

/// <summary>`hospital ...`: admission (sm-admin), registering doctors and patients, sealing and auditing (the hospital's operator).</summary>
public static class HospitalCommands
{
    /// <summary>The `hospital` command.</summary>
    public static Command Create()
    {
        var participantId = new Option<string>("--id") { Required = true, Description = "The doctor's or patient's id." };
        var publicKey = new Option<string>("--public-key") { Required = true, Description = "His public key (base64, from `keys enroll`)." };
        var proof = new Option<string>("--proof") { Required = true, Description = "His enrollment proof for this hospital (base64, from `keys enroll`)." };

        var doctor = new Command("register-doctor", "Registers a doctor of the calling hospital.") { CliOptions.Key, participantId, publicKey, proof };
        doctor.SetAction(Run.AsParticipant(async (r, me, ct) =>
        {
            DoctorInfo d = await me.Client.RegisterDoctorAsync(r.GetValue(participantId)!, Key(me, r.GetValue(publicKey)!), Convert.FromBase64String(r.GetValue(proof)!), ct);
            Console.WriteLine($"doctor {d.DoctorId} registered at {d.HospitalId}, credit {d.Credit}");
            return 0;
        }));

        var patient = new Command("register-patient", "Registers a patient at the calling hospital; prints his alpha (for his doctors).") { CliOptions.Key, participantId, publicKey, proof };
        patient.SetAction(Run.AsParticipant(async (r, me, ct) =>
        {
            PatientRegistered p = await me.Client.RegisterPatientAsync(r.GetValue(participantId)!, Key(me, r.GetValue(publicKey)!), Convert.FromBase64String(r.GetValue(proof)!), ct);
            Console.WriteLine($"alpha {p.Alpha}");
            return 0;
        }));

        var seal = new Command("seal", "Seals the calling hospital's pending records now.") { CliOptions.Key };
        seal.SetAction(Run.AsParticipant(async (_, me, ct) =>
        {
            ChainHeadInfo head = await me.Client.SealAsync(me.Identity.Id, ct);
            Console.WriteLine($"height {head.Height}, pending {head.Pending}");
            return 0;
        }));

        return new Command("hospital", "Hospital administration.") { AdminCommands.Admit(), doctor, patient, seal };
    }

    private static PublicKey Key(Participant me, string base64) => PublicKey.Decode(me.Parameters, Convert.FromBase64String(base64));
}
