using Xunit.Abstractions;

namespace EdgeMine.Native.Tests;

/// <summary>The ABI from C, as edgemine.h declares it: compiled with clang against the built library and run.</summary>
[Collection(NativeTestGroup.Name)]
public sealed class CAbiTests(NativeBuildFixture fixture, ITestOutputHelper output) : IDisposable
{
    private const string Program = """
        #include <stdio.h>
        #include <string.h>
        #include "edgemine.h"

        static int step_once(int64_t env) {
            double action[2] = {1, 0}, obs[5], reward, metrics[12];
            uint8_t flags;
            return edgemine_env_step(env, action, 2, obs, 5, &reward, metrics, 12, &flags);
        }

        int main(void) {
            char message[1024];
            const char *config = "{\"miners\": 1, \"tasks\": 2, \"beta\": 0.5}";
            int64_t env = 0;
            double obs[5], reward, metrics[12], nan_action[2] = {0.0 / 0.0, 0};
            uint8_t flags;
            if (edgemine_abi_version() != 2) return 10;
            if (edgemine_env_create(config, (int32_t)strlen(config), &env) != EDGEMINE_OK) return 11;
            if (step_once(env) != EDGEMINE_STATE) return 12;
            edgemine_last_error(message, sizeof message);
            printf("%s\n", message);
            if (edgemine_env_reset(env, 42, 1, obs, 5) != EDGEMINE_OK) return 13;
            if (step_once(env) != EDGEMINE_OK) return 14;
            if (edgemine_env_step(env, nan_action, 2, obs, 5, &reward, metrics, 12, &flags) != EDGEMINE_ACTION) return 15;
            edgemine_last_error(message, sizeof message);
            printf("%s\n", message);
            if (edgemine_env_destroy(env) != EDGEMINE_OK) return 16;
            if (edgemine_env_destroy(env) != EDGEMINE_ARGUMENT) return 17;
            const char *bad = "{\"config\": {\"bogus\": 1}}";
            if (edgemine_env_create(bad, (int32_t)strlen(bad), &env) != EDGEMINE_CONFIGURATION || env != 0) return 18;
            int32_t length = edgemine_last_error(message, 16);
            printf("%s %d\n", message, (int)(length > 15));
            printf("live %d\n", edgemine_live_handles());
            return 0;
        }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("edgemine-c-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void CProgram_UsesTheHeaderAndTheLibrary()
    {
        string source = Path.Combine(_directory, "smoke.c"), binary = Path.Combine(_directory, "smoke");
        File.WriteAllText(source, Program);
        string header = Path.Combine(fixture.RepositoryRoot, "src", "EdgeMine.Native");
        string library = Path.GetDirectoryName(fixture.LibraryPath)!;
        var compile = fixture.Run("clang", ["-std=c11", "-Wall", "-Werror", "-I", header, source, "-o", binary, library + "/libedgemine.so", "-Wl,-rpath," + library], NativeBuildFixture.HangGuard);
        Assert.True(compile.Code == 0, compile.Output);
        var run = fixture.Run(binary, [], NativeBuildFixture.HangGuard);
        output.WriteLine(run.Output);
        Assert.True(run.Code == 0, $"exit {run.Code}: {run.Output}");
        Assert.Equal(
            ["call reset() before step()", "action[0] must be an offloading fraction in [0, 1]; got NaN", "config: unknown 1", "live 0"],
            run.Output.Trim().Split('\n'));
    }
}
