// Words of the architecture explorer, in both languages: the widget's labels and, per box, a short title,
// a subtitle, what the box does and which problem it answers.
import { defineStrings } from '../../ui/i18n';
import type { EdgeKind, ViewName } from './diagrams';

export interface NodeText {
  title: string;
  sub: string;
  does: string;
  problem: string;
}

type SystemNode =
  | 'client'
  | 'gateway'
  | 'preprocess'
  | 'batcher'
  | 'scheduler'
  | 'engines'
  | 'postprocess'
  | 'models'
  | 'monitoring'
  | 'autoscaler';
type EngineNode = 'converter' | 'optimizer' | 'compression' | 'runtime' | 'kernels' | 'devices';
export type NodeId = SystemNode | EngineNode;

export const strings = defineStrings({
  en: {
    title: {
      system: 'Architecture of an inference system',
      engine: 'Architecture of an inference engine',
    } as Record<ViewName, string>,
    hint: 'Click a box, or reach it with Tab and press Enter; the arrow keys move between boxes.',
    legend: {
      data: { system: 'request and response path', engine: 'path of the model' },
      control: { system: 'control path', engine: 'control path' },
      optional: { system: 'optional step', engine: 'without compression' },
    } as Record<EdgeKind, Record<ViewName, string>>,
    groups: { offline: 'Offline: prepare the model once', online: 'Online: run it on the device' } as Record<
      string,
      string
    >,
    does: 'What it does',
    problem: 'The problem it answers',
    lessons: 'Where the course covers it',
    close: 'Close',
    empty: 'Choose a box to see what it does, which problem it answers and where the course covers it.',
  },
  zh: {
    title: { system: '推理系统架构', engine: '推理引擎架构' } as Record<ViewName, string>,
    hint: '点击方框，或用 Tab 键移到方框上按 Enter；方向键可以在方框之间移动。',
    legend: {
      data: { system: '请求与响应路径', engine: '模型的流向' },
      control: { system: '控制路径', engine: '控制路径' },
      optional: { system: '可选步骤', engine: '不经压缩' },
    } as Record<EdgeKind, Record<ViewName, string>>,
    groups: { offline: '离线：模型准备（一次性）', online: '在线：在设备上执行' } as Record<string, string>,
    does: '它做什么',
    problem: '它解决什么问题',
    lessons: '课程中的相关章节',
    close: '关闭',
    empty: '选择一个方框，查看它做什么、解决什么问题，以及课程在哪里讲到它。',
  },
});

export const nodeStrings = defineStrings<Record<NodeId, NodeText>>({
  en: {
    client: {
      title: 'Client',
      sub: 'app, web page, another service',
      does: 'Sends requests — an image, a sentence, a feature vector — and waits for the prediction. It sees only the end-to-end latency, and whether an answer came at all.',
      problem:
        'The reason the service exists: someone needs a prediction now, within a latency budget agreed in the service-level agreement (SLA), for example p99 under 100 ms.',
    },
    gateway: {
      title: 'API gateway',
      sub: 'HTTP / gRPC',
      does: 'The single entry point. It accepts HTTP/REST or gRPC calls, authenticates them, enforces rate limits and quotas, and routes each request to the right model and version; responses go back to the client through it.',
      problem:
        'Clients should not need to know how many servers, models and versions stand behind the service, and the service must be protected from overload and abuse.',
    },
    preprocess: {
      title: 'Pre-processing',
      sub: 'decode, resize, normalize, tokenize',
      does: 'Turns raw input into the tensor the model expects: decodes and resizes images and normalizes their pixels, or tokenizes text — exactly as it was done during training.',
      problem:
        'A model only understands tensors of a fixed shape, layout and scale. Any difference from the training pipeline silently costs accuracy (training–serving skew).',
    },
    batcher: {
      title: 'Request queue + dynamic batcher',
      sub: 'wait briefly, run together',
      does: 'Queues incoming requests and groups those that arrive close together into one batch, waiting at most a few milliseconds or until the batch is full.',
      problem:
        'Running one request at a time leaves the hardware mostly idle. Batching raises throughput, and the waiting limit bounds the latency each request pays for it.',
    },
    scheduler: {
      title: 'Scheduler',
      sub: 'which batch runs where',
      does: 'Decides which batch runs on which engine instance and device: it balances load, respects priorities, and splits traffic between model versions for A/B tests and canary releases.',
      problem:
        'Many models and requests compete for a limited set of devices; without scheduling, some devices are overloaded while others sit idle.',
    },
    engines: {
      title: 'Inference engine instances',
      sub: 'on CPU · GPU · NPU',
      does: 'Each instance holds a loaded, optimized model on one device and executes the batches it is given: this is the inference engine — converted model, optimized graph, runtime and kernels — at work.',
      problem:
        'The forward pass itself, as fast and as memory-efficient as the device allows. Several instances give capacity, and keep the service up when one fails.',
    },
    postprocess: {
      title: 'Post-processing',
      sub: 'decode, threshold, format',
      does: 'Turns raw outputs into an answer: softmax and top-k labels, box decoding and non-maximum suppression, detokenized text; then formats the response.',
      problem:
        'Logits and tensors mean nothing to the client; the answer has to be in the application’s own terms.',
    },
    models: {
      title: 'Model manager / repository',
      sub: 'versions, loading, rollout',
      does: 'Stores model files and their versions, loads and unloads them on the engine instances, and rolls a new version out gradually (canary, A/B) with a way back.',
      problem:
        'Models are retrained and replaced often. An update must not interrupt the service, and a bad version must be easy to withdraw.',
    },
    monitoring: {
      title: 'Monitoring',
      sub: 'latency, throughput, errors, drift',
      does: 'Collects metrics from every stage — latency percentiles, throughput, queue length, error rate, device utilization — and the distribution of inputs and predictions, and raises alerts.',
      problem:
        'An SLA that is not measured cannot be kept, and quiet failures such as data drift show up only in statistics.',
    },
    autoscaler: {
      title: 'Autoscaler',
      sub: 'add or remove instances',
      does: 'Reads the load from monitoring and starts or stops engine instances, so that capacity follows demand.',
      problem:
        'Traffic changes with the hour and the day. Fixed capacity wastes money when it is quiet and breaks the SLA at the peak.',
    },
    converter: {
      title: 'Converter',
      sub: 'PyTorch · TensorFlow · ONNX → IR',
      does: 'Reads a model exported by a training framework (ONNX, TensorFlow, PyTorch …) and translates its operators and weights into the engine’s own graph IR.',
      problem:
        'Every framework has its own file format and operator set; the engine needs one representation that it understands completely.',
    },
    optimizer: {
      title: 'Graph optimizer',
      sub: 'constant folding · fusion · layout',
      does: 'Rewrites the graph without changing its results: folds constants, removes redundant nodes, fuses operators (Conv + BatchNorm + ReLU into one) and chooses data layouts.',
      problem:
        'A graph exported from training carries needless work and many small operators, and each one costs a kernel launch and a round trip through memory.',
    },
    compression: {
      title: 'Compression',
      sub: 'quantization · pruning · distillation',
      does: 'Makes the model smaller and cheaper: quantizes weights and activations to int8 or fewer bits, prunes weights or whole channels, or trains a small student from a large teacher.',
      problem:
        'Devices have limited memory, bandwidth and power. Fewer and narrower numbers need less of each, at a loss of accuracy that has to be measured and kept small.',
    },
    runtime: {
      title: 'Runtime',
      sub: 'memory planning · scheduling · heterogeneous execution',
      does: 'Loads the optimized model and executes it: plans memory so that intermediate tensors share buffers, orders the operators and runs them (in parallel where it can), and sends each one to the device that runs it best.',
      problem:
        'The same graph can be fast or slow, and need much or little memory, depending on how its execution is organized.',
    },
    kernels: {
      title: 'Kernels',
      sub: 'im2col · Winograd · indirect convolution',
      does: 'The tuned implementation of each operator: convolution as im2col + GEMM, Winograd’s transform that saves multiplications, QNNPACK’s indirect convolution — with tiling, loop unrolling and SIMD vectorization.',
      problem:
        'Most of the time goes into a few operators, convolution and matrix multiplication first; their implementation decides how close the device gets to its peak.',
    },
    devices: {
      title: 'Devices',
      sub: 'CPU · GPU · NPU · browser (WebAssembly, WebGPU)',
      does: 'Where the kernels finally run: server and phone CPUs with SIMD units, GPUs, NPUs and DSPs, and the browser through WebAssembly or WebGPU — which is how this course’s onnxruntime-web measurements run.',
      problem:
        'Each device has its own instruction set, memory hierarchy and preferred data layout, and the engine has to meet each one on its own terms.',
    },
  },
  zh: {
    client: {
      title: '客户端',
      sub: '应用、网页、其他服务',
      does: '发送请求（一张图片、一句话、一个特征向量），然后等待预测结果。它只感受得到端到端时延，以及到底有没有拿到结果。',
      problem:
        '推理服务存在的理由：有人此刻需要一个预测，而且要在服务等级协议（SLA）约定的时延预算内拿到，例如 p99 低于 100 ms。',
    },
    gateway: {
      title: 'API 网关',
      sub: 'HTTP / gRPC',
      does: '唯一的入口：接收 HTTP/REST 或 gRPC 调用，做身份认证、限流和配额控制，把每个请求路由到正确的模型和版本；响应也经由它返回客户端。',
      problem: '客户端不需要知道服务背后有多少台服务器、多少个模型和版本；服务本身也要防止过载和滥用。',
    },
    preprocess: {
      title: '前处理',
      sub: '解码、缩放、归一化、分词',
      does: '把原始输入变成模型需要的张量：解码并缩放图片、归一化像素值，或对文本分词——做法必须与训练时完全一致。',
      problem:
        '模型只认形状、布局和数值范围都固定的张量。与训练流水线的任何差异都会悄悄降低精度（训练与服务偏差，training–serving skew）。',
    },
    batcher: {
      title: '请求队列 + 动态批处理',
      sub: '稍等片刻，一起执行',
      does: '把到达的请求放进队列，把时间上相近的请求合成一个批次：最多等待几毫秒，或者等到批次装满为止。',
      problem:
        '逐个处理请求会让硬件大部分时间空闲。批处理提高吞吐，而等待上限保证每个请求为此付出的时延有界。',
    },
    scheduler: {
      title: '调度器',
      sub: '哪个批次在哪儿执行',
      does: '决定每个批次在哪个引擎实例、哪个设备上执行：均衡负载、遵守优先级，并按比例在模型版本之间分流，用于 A/B 测试和灰度发布。',
      problem: '许多模型和请求争抢有限的设备；没有调度，一些设备过载，另一些却在空转。',
    },
    engines: {
      title: '推理引擎实例',
      sub: '运行在 CPU · GPU · NPU 上',
      does: '每个实例在一个设备上持有一个已加载、已优化的模型，执行分配给它的批次：这就是推理引擎（转换后的模型、优化后的计算图、运行时和 kernel）在工作。',
      problem:
        '完成前向计算本身，并在设备允许的范围内尽量快、尽量省内存。多个实例提供容量，也让单个实例故障时服务不中断。',
    },
    postprocess: {
      title: '后处理',
      sub: '解码、阈值、格式化',
      does: '把模型的原始输出变成答案：softmax 与 top-k 类别、检测框解码与非极大值抑制、文本反分词，然后组装响应。',
      problem: 'logits 和张量对客户端毫无意义，答案必须用应用自己的语言来表达。',
    },
    models: {
      title: '模型管理 / 模型仓库',
      sub: '版本、加载、发布',
      does: '保存模型文件及其各个版本，在引擎实例上加载和卸载模型，并逐步发布新版本（灰度、A/B），保留回滚的余地。',
      problem: '模型会频繁重训和替换。更新不能中断服务，有问题的版本必须能迅速撤回。',
    },
    monitoring: {
      title: '监控',
      sub: '时延、吞吐、错误、漂移',
      does: '从每个环节收集指标：时延分位数、吞吐、队列长度、错误率、设备利用率，以及输入和预测结果的分布，并在异常时告警。',
      problem: '不测量就守不住 SLA；数据漂移这类悄无声息的问题只会在统计数据中显现。',
    },
    autoscaler: {
      title: '自动扩缩容',
      sub: '增加或减少实例',
      does: '根据监控得到的负载启动或停止引擎实例，让容量跟随需求变化。',
      problem: '流量随时段和日期起伏。固定容量在低谷时浪费资源，在高峰时又会违反 SLA。',
    },
    converter: {
      title: '模型转换',
      sub: 'PyTorch · TensorFlow · ONNX → IR',
      does: '读取训练框架导出的模型（ONNX、TensorFlow、PyTorch……），把其中的算子和权重翻译成推理引擎自己的计算图 IR。',
      problem: '每个框架都有自己的文件格式和算子集合；推理引擎需要一种自己完全理解的统一表示。',
    },
    optimizer: {
      title: '计算图优化',
      sub: '常量折叠 · 算子融合 · 布局转换',
      does: '在不改变计算结果的前提下改写计算图：常量折叠、消除冗余节点、算子融合（把 Conv + BatchNorm + ReLU 合成一个），并选择数据布局。',
      problem:
        '从训练导出的计算图带着多余的计算和大量小算子，每个算子都要付出一次 kernel 调用和一次内存往返的代价。',
    },
    compression: {
      title: '模型压缩',
      sub: '量化 · 剪枝 · 蒸馏',
      does: '让模型更小、更省：把权重和激活量化到 int8 甚至更少的比特，剪掉权重或整个通道，或者用大模型（教师）训练出小模型（学生）。',
      problem:
        '设备的内存、带宽和功耗都有限。更少、更窄的数值对三者的需求都更小，代价是精度损失，这个损失必须测量并控制在很小的范围内。',
    },
    runtime: {
      title: '运行时',
      sub: '内存规划 · 调度 · 异构执行',
      does: '加载优化后的模型并执行：规划内存，让中间张量共享缓冲区；安排算子的执行顺序并尽可能并行执行；把每个算子派发到最适合它的设备上。',
      problem: '同一个计算图，执行组织得好坏，决定了它跑得快还是慢、占用内存多还是少。',
    },
    kernels: {
      title: 'Kernel 层',
      sub: 'im2col · Winograd · 间接卷积',
      does: '每个算子的调优实现：把卷积转成 im2col + GEMM，用 Winograd 变换减少乘法次数，QNNPACK 的间接卷积，再配合分块、循环展开和 SIMD 向量化。',
      problem: '大部分时间花在少数几个算子上，首先是卷积和矩阵乘；它们的实现决定了设备能多接近峰值性能。',
    },
    devices: {
      title: '硬件设备',
      sub: 'CPU · GPU · NPU · 浏览器（WebAssembly、WebGPU）',
      does: 'kernel 最终运行的地方：带 SIMD 单元的服务器和手机 CPU、GPU、NPU 和 DSP，以及通过 WebAssembly 或 WebGPU 运行的浏览器——本课程中 onnxruntime-web 的测量就是这样运行的。',
      problem: '每种设备都有自己的指令集、存储层次和偏好的数据布局，推理引擎必须逐一适配。',
    },
  },
});
