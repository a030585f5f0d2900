/*
 * edgemine.h: the C ABI of libedgemine.so (src/EdgeMine.Native, compiled with NativeAOT by scripts/build-python.sh).
 *
 * Every function but edgemine_free returns a status: 0 on success, else one of EDGEMINE_* below, and then
 * edgemine_last_error gives the calling thread's one-line message (the wording of the edgemine command line's errors;
 * users' values quoted, cut at 200 characters, control characters such as NUL shown as escapes, so a message is never
 * cut short). No exception or signal crosses the boundary. Buffers belong to the caller; lengths count elements and must equal the
 * environment's (edgemine_env_shape). Handles are non-zero 64-bit values; a destroyed handle is refused, not reused.
 * One environment must not be used by two threads at once; different environments may.
 *
 * Configuration JSON (every member optional):
 *   {"preset": "calibrated" | "paper-literal", "config": {<MODEL.md section 9 keys>: number, ...},
 *    "miners": 1, "tasks": 2, "beta": 0.5, "episode_slots": 0, "extended_observation": false,
 *    "runs": 20, "slots": 1000, "seed": 1000,             (these three for edgemine_evaluate only)
 *    "agents": ["agent"]}                                 (edgemine_evaluate: the agents' names; agent i is called
 *                                                          with state agent_state + i; no baseline's name)
 * (at most 1 MiB of JSON, as a config file). A vector's environments are bounded before anything is allocated: at most
 * 1 GiB, counted as 2 KiB per environment plus 256 bytes per task (count x (2048 + 256 N M) bytes).
 * Observation: per miner n, D1 of its M tasks, D0 of its M tasks (bits / privacy_unit_bits), g (0/1); then Q/(F dt)
 * if extended. Action: N*M fractions in [0, 1], index n*M + m. Metrics: see edgemine_metric_names (reward first).
 */
#ifndef EDGEMINE_H
#define EDGEMINE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
    EDGEMINE_OK = 0,
    EDGEMINE_CONFIGURATION = 1, /* unknown config key, value out of range, bad preset, miners, tasks, beta, ... */
    EDGEMINE_ACTION = 2,        /* action of the wrong length, NaN, or outside [0, 1] */
    EDGEMINE_ARGUMENT = 3,      /* invalid handle, null pointer, buffer of the wrong length, unknown policy */
    EDGEMINE_STATE = 4,         /* step before the first reset */
    EDGEMINE_CALLBACK = 5,      /* the agent callback of edgemine_evaluate returned non-zero */
    EDGEMINE_INTERNAL = 6,      /* a bug, reported as "internal error: <type>: <message>" */
    EDGEMINE_CANCELLED = 7      /* the cancellation check of a long call returned non-zero */
};

/* Shape fields written by edgemine_env_shape (8) and edgemine_vec_shape (9). */
enum {
    EDGEMINE_SHAPE_MINERS, EDGEMINE_SHAPE_TASKS, EDGEMINE_SHAPE_OBSERVATION, EDGEMINE_SHAPE_ACTION,
    EDGEMINE_SHAPE_METRICS, EDGEMINE_SHAPE_EPISODE_SLOTS, EDGEMINE_SHAPE_PER_MINER, EDGEMINE_SHAPE_EXTENDED,
    EDGEMINE_SHAPE_COUNT
};

int32_t edgemine_abi_version(void); /* 2 */

/* Text out: copies up to capacity - 1 bytes of UTF-8 and a NUL; returns the full length in bytes. */
int32_t edgemine_last_error(char *buffer, int32_t capacity);
int32_t edgemine_metric_names(char *buffer, int32_t capacity); /* comma-separated, the order of metrics arrays */
int32_t edgemine_policy_names(char *buffer, int32_t capacity); /* "no,eo,go,random,optimal,optimal-fractional,lookahead,mdp-optimal" */
int32_t edgemine_live_handles(void);                           /* environments alive (leak checks) */
int64_t edgemine_allocated_bytes(void);                        /* managed bytes allocated on this thread (steps: 0) */

/* One environment. */
int32_t edgemine_env_create(const char *config_json, int32_t length, int64_t *environment);
int32_t edgemine_env_destroy(int64_t environment);
int32_t edgemine_env_shape(int64_t environment, int32_t *shape, int32_t length);
/* use_seed != 0: MiningEnvironment.Reset(seed); else the k-th unseeded reset after Reset(s) uses Derive(s, k). */
int32_t edgemine_env_reset(int64_t environment, uint64_t seed, int32_t use_seed, double *observation, int32_t observation_length);
int32_t edgemine_env_episode_seed(int64_t environment, uint64_t *seed);
/* flags: bit 0 terminated (never), bit 1 truncated (every episode_slots slots). metrics may be NULL. */
int32_t edgemine_env_step(int64_t environment, const double *action, int32_t action_length,
                          double *observation, int32_t observation_length, double *reward,
                          double *metrics, int32_t metrics_length, uint8_t *flags);
/* The last step's reward split per miner: its tasks' P - C, less its deadline penalties (sums to the reward). */
int32_t edgemine_env_miner_rewards(int64_t environment, double *rewards, int32_t miners);
/* A baseline's action for the current state: "no", "eo", "go", "random", "optimal" (not NUL-terminated: length given). */
int32_t edgemine_env_policy_action(int64_t environment, const char *policy, int32_t policy_length, double *action, int32_t action_length);

/* B environments of one configuration, stepped in one call; arrays are row-major B x (per-environment length). */
int32_t edgemine_vec_create(const char *config_json, int32_t length, int32_t count, int64_t *vector);
int32_t edgemine_vec_destroy(int64_t vector);
int32_t edgemine_vec_shape(int64_t vector, int32_t *shape, int32_t length);
/* seeds: one per environment, or NULL to continue each with its next derived seed. */
int32_t edgemine_vec_reset(int64_t vector, const uint64_t *seeds, int32_t seeds_length, double *observations, int32_t observations_length);
/* Every action is checked before any environment moves. Autoreset: Gymnasium's next-step mode (an environment truncated
   at the previous step is reset instead: its action is ignored, reward 0, flags 0, metrics 0). metrics may be NULL. */
int32_t edgemine_vec_step(int64_t vector, const double *actions, int32_t actions_length,
                          double *observations, int32_t observations_length, double *rewards,
                          uint8_t *terminated, uint8_t *truncated, double *metrics, int32_t metrics_length);
int32_t edgemine_vec_policy_actions(int64_t vector, const char *policy, int32_t policy_length, double *actions, int32_t actions_length);

/* Evaluation, on edgemine evaluate's seeds: run r resets with Derive(RunSeed(seed, r), Environment). */
int32_t edgemine_evaluation_seeds(uint64_t seed, int32_t run, uint64_t *environment_seed, uint64_t *policy_seed);
/* The agent: returns 0 and points *action at its N*M fractions (valid until its next call), or non-zero on failure. */
typedef int32_t (*edgemine_agent)(void *state, const double *observation, int32_t observation_length,
                                  const double **action, int32_t *action_length);
/* A cancellation check, called by long calls every few slots (about 1,024 task-slots: every 512 slots at N M = 2, every
   slot from N M = 1,024); non-zero stops the call with EDGEMINE_CANCELLED. E.g. read a flag a SIGINT handler sets. */
typedef int32_t (*edgemine_cancel_check)(void *state);
/* Evaluates the agent (may be NULL) beside no, eo, go, random, optimal; *result is UTF-8 JSON, free it with edgemine_free.
   cancel may be NULL (then only the process's end stops an evaluation, which can last days at the limits). */
int32_t edgemine_evaluate(const char *request_json, int32_t length, edgemine_agent agent, void *agent_state,
                          edgemine_cancel_check cancel, void *cancel_state, char **result, int32_t *result_length);
void edgemine_free(void *memory);
/* The paired difference a[r] - b[r] over count >= 1 runs: result[0] its mean, result[1] and result[2] the bounds of its
   95% interval (Student's t; NaN with one run), as edgemine evaluate computes them. */
int32_t edgemine_paired_difference(const double *a, const double *b, int32_t count, double *result);

#ifdef __cplusplus
}
#endif

#endif /* EDGEMINE_H */
