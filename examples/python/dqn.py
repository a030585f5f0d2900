"""A plain PyTorch DQN on EdgeMine (by default N = 1 miner, M = 2 tasks, beta 0.5), in the style of CleanRL's dqn.py,
then evaluated beside the baselines and the per-slot optimum with edgemine.evaluate. One Q-value per joint binary
action (2^(N M) of them), so keep N M small.

    scripts/build-python.sh
    PYTHONPATH=python /usr/bin/python3 examples/python/dqn.py        # prints the optimality ratio (>= 0.9 expected)
"""
import argparse
import json
import random
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

import edgemine


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--miners", type=int, default=1)
    p.add_argument("--tasks", type=int, default=2)
    p.add_argument("--beta", type=float, default=0.5)
    p.add_argument("--total-timesteps", type=int, default=12000)
    p.add_argument("--learning-rate", type=float, default=1e-3)
    p.add_argument("--buffer-size", type=int, default=10000)
    p.add_argument("--gamma", type=float, default=0.85)  # the paper's discount
    p.add_argument("--target-network-frequency", type=int, default=250)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--start-e", type=float, default=1.0)
    p.add_argument("--end-e", type=float, default=0.01)
    p.add_argument("--exploration-fraction", type=float, default=0.2)
    p.add_argument("--learning-starts", type=int, default=1000)
    p.add_argument("--train-frequency", type=int, default=1)
    p.add_argument("--eval-runs", type=int, default=20)
    p.add_argument("--eval-slots", type=int, default=1000)
    return p.parse_args()


class QNetwork(nn.Module):
    def __init__(self, obs_dim, n_actions):
        super().__init__()
        self.network = nn.Sequential(nn.Linear(obs_dim, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, n_actions))

    def forward(self, x):
        return self.network(x)


def linear_schedule(start_e, end_e, duration, t):
    return max(start_e + (end_e - start_e) * t / duration, end_e)


if __name__ == "__main__":
    args = parse_args()
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(1)

    env = edgemine.EdgeMineEnv(miners=args.miners, tasks=args.tasks, beta=args.beta)
    obs_dim, n_tasks = env.observation_space.shape[0], env.action_space.shape[0]
    # The paper's actions are binary: joint action j offloads task i when bit i of j is set.
    joint_actions = np.array([[(j >> i) & 1 for i in range(n_tasks)] for j in range(2 ** n_tasks)], dtype=np.float64)

    q_network = QNetwork(obs_dim, len(joint_actions))
    optimizer = torch.optim.Adam(q_network.parameters(), lr=args.learning_rate)
    target_network = QNetwork(obs_dim, len(joint_actions))
    target_network.load_state_dict(q_network.state_dict())

    # replay buffer
    observations = np.zeros((args.buffer_size, obs_dim), dtype=np.float32)
    next_observations = np.zeros_like(observations)
    actions = np.zeros(args.buffer_size, dtype=np.int64)
    rewards = np.zeros(args.buffer_size, dtype=np.float32)
    size = 0

    start_time = time.time()
    obs, _ = env.reset(seed=args.seed)
    for global_step in range(args.total_timesteps):
        epsilon = linear_schedule(args.start_e, args.end_e, args.exploration_fraction * args.total_timesteps, global_step)
        if random.random() < epsilon:
            action = random.randrange(len(joint_actions))
        else:
            with torch.no_grad():
                action = int(q_network(torch.as_tensor(obs, dtype=torch.float32)).argmax())
        next_obs, reward, terminated, truncated, info = env.step(joint_actions[action])

        i = global_step % args.buffer_size
        observations[i], next_observations[i], actions[i], rewards[i] = obs, next_obs, action, reward
        size = min(size + 1, args.buffer_size)
        obs = next_obs  # EdgeMine never terminates; the process is continuing

        if global_step > args.learning_starts and global_step % args.train_frequency == 0:
            batch = np.random.randint(0, size, args.batch_size)
            with torch.no_grad():
                target_max, _ = target_network(torch.from_numpy(next_observations[batch])).max(dim=1)
                td_target = torch.from_numpy(rewards[batch]) + args.gamma * target_max
            old_val = q_network(torch.from_numpy(observations[batch])).gather(1, torch.from_numpy(actions[batch])[:, None]).squeeze(1)
            loss = F.mse_loss(td_target, old_val)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if global_step % 2000 == 0:
                print(f"step {global_step}: loss {loss.item():.4f}, epsilon {epsilon:.3f}, {int(global_step / (time.time() - start_time))} steps/s")

        if global_step % args.target_network_frequency == 0:
            target_network.load_state_dict(q_network.state_dict())
    env.close()

    def policy(observation):
        with torch.no_grad():
            return joint_actions[int(q_network(torch.as_tensor(observation, dtype=torch.float32)).argmax())]

    result = edgemine.evaluate(policy, miners=args.miners, tasks=args.tasks, beta=args.beta, runs=args.eval_runs,
                               slots=args.eval_slots, seed=1000)
    for name, p in result["policies"].items():
        print(f"{name:>8}: reward {p['reward']['mean']:8.4f}, optimality ratio {p['optimality_ratio']:.4f}")
    ratio = result["policies"]["agent"]["optimality_ratio"]
    print(json.dumps({"optimality_ratio": ratio, "best_baseline": result["best_baseline"],
                      "headroom_captured": result["policies"]["agent"]["headroom_captured"],
                      "seconds": round(time.time() - start_time, 1)}))
