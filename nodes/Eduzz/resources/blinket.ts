import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

export const blinketResources: INodePropertyOptions[] = [];

export const blinketProperties: INodeProperties[] = [];
