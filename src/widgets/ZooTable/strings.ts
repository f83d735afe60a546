import { defineStrings } from '../../ui/i18n';

export const strings = defineStrings({
  en: {
    caption: 'From the model zoo’s manifest (public/models/manifest.json), measured by the training script',
    loading: 'Reading the model zoo’s manifest…',
    failed: (message: string) => `The manifest could not be read: ${message}`,
    colModel: 'Model',
    colWhat: 'What it is',
    colParams: 'Parameters',
    colSize: 'File size',
    colMacs: 'MACs per image',
    colAccuracy: 'Test accuracy',
    accuracy: (pct: string, correct: number, total: number) => `${pct} % (${correct}/${total})`,
    none: 'not trained',
    relative: (ratio: string) => `× ${ratio}`,
  },
  zh: {
    caption: '数据来自模型库的清单（public/models/manifest.json），由训练脚本实测',
    loading: '正在读取模型库清单…',
    failed: (message: string) => `无法读取清单：${message}`,
    colModel: '模型',
    colWhat: '说明',
    colParams: '参数量',
    colSize: '文件大小',
    colMacs: '每张图像的 MAC 数',
    colAccuracy: '测试集准确率',
    accuracy: (pct: string, correct: number, total: number) => `${pct} %（${correct}/${total}）`,
    none: '未训练',
    relative: (ratio: string) => `× ${ratio}`,
  },
});
