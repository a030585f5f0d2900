"""Writes traces of random actions through the three Python APIs, for ParityTests.cs to replay with the C# library.

    python3 traces.py OUT_DIR

OUT_DIR/manifest.json lists the traces; each has NAME.actions, NAME.observations, NAME.rewards: raw little-endian
float64 arrays. single: actions (T, A), observations (T + 1, D) (the reset's, then each step's), rewards (T).
vector: the same with a B axis after T (environment i seeded seed + i). parallel: observations (T + 1, N, per-agent
length), rewards (T, N) (each agent's share).
"""

import json
import os
import sys

import numpy as np

import edgemine

CONFIGURATIONS = [
    dict(seed=1, preset="calibrated", config={}, miners=1, tasks=2, beta=0.5, episode_slots=None,
         extended_observation=False),
    dict(seed=2, preset="calibrated", config={"rate_bad_bps": 1e6, "deadline_seconds": 0.05, "deadline_penalty": 0.5},
         miners=3, tasks=2, beta=0.8, episode_slots=40, extended_observation=True),
    dict(seed=3, preset="paper-literal", config={"rate_good_bps": 2e5, "rate_bad_bps": 1e5, "mec_capacity_hz": 1e9},
         miners=2, tasks=4, beta=0.3, episode_slots=None, extended_observation=True),
]
STEPS = 120
ENVIRONMENTS = 3


def random_actions(rng, shape):
    """Half binary, half fractional, with exact 0 and 1 among the fractions."""
    actions = rng.random(shape)
    binary = rng.random(shape) < 0.5
    actions[binary] = np.round(actions[binary])
    return actions


def write(out, name, actions, observations, rewards):
    for suffix, array in (("actions", actions), ("observations", observations), ("rewards", rewards)):
        np.ascontiguousarray(array, dtype="<f8").tofile(os.path.join(out, f"{name}.{suffix}"))


def main(out):
    os.makedirs(out, exist_ok=True)
    manifest = []
    for c in CONFIGURATIONS:
        settings = {k: v for k, v in c.items() if k != "seed"}
        seed, n, m = c["seed"], c["miners"], c["tasks"]
        rng = np.random.default_rng(seed)

        env = edgemine.EdgeMineEnv(**settings)
        actions = random_actions(rng, (STEPS, n * m))
        obs, _ = env.reset(seed=seed)
        observations, rewards = [obs], []
        for a in actions:
            obs, reward, _, _, info = env.step(a)
            assert info["reward"] == reward
            observations.append(obs)
            rewards.append(reward)
        env.close()
        name = f"single-{seed}"
        write(out, name, actions, np.array(observations), np.array(rewards))
        manifest.append(dict(c, name=name, kind="single", steps=STEPS, seeds=[seed]))

        vec = edgemine.EdgeMineVectorEnv(num_envs=ENVIRONMENTS, **settings)
        actions = random_actions(rng, (STEPS, ENVIRONMENTS, n * m))
        obs, _ = vec.reset(seed=seed)
        observations, rewards = [obs.copy()], []
        for a in actions:
            obs, reward, _, _, _ = vec.step(a)
            observations.append(obs.copy())
            rewards.append(reward.copy())
        vec.close()
        name = f"vector-{seed}"
        write(out, name, actions, np.array(observations), np.array(rewards))
        manifest.append(dict(c, name=name, kind="vector", steps=STEPS, seeds=[seed + i for i in range(ENVIRONMENTS)]))

        par = edgemine.EdgeMineParallelEnv(**settings)
        actions = random_actions(rng, (STEPS, n, m))
        obs, _ = par.reset(seed=seed)
        observations, rewards = [[obs[a] for a in par.possible_agents]], []
        for a in actions:
            obs, reward, _, _, _ = par.step({agent: a[i] for i, agent in enumerate(par.possible_agents)})
            if not par.agents:
                par.agents = list(par.possible_agents)  # keep stepping past a truncation, as the single trace does
            observations.append([obs[agent] for agent in par.possible_agents])
            rewards.append([reward[agent] for agent in par.possible_agents])
        par.close()
        name = f"parallel-{seed}"
        write(out, name, actions.reshape(STEPS, n * m), np.array(observations), np.array(rewards))
        manifest.append(dict(c, name=name, kind="parallel", steps=STEPS, seeds=[seed]))

    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    print(f"{len(manifest)} traces written to {out}")


if __name__ == "__main__":
    main(sys.argv[1])
