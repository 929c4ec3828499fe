import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** One approved WhatsApp message template as FlowBot needs to know it. */
export interface TemplateDefinition {
  name: string;
  language: string;
  category?: string;
  bodyParamCount: number;
  headerParamCount?: number;
  buttons?: unknown[];
}

/** A named set of templates a user can pick from in template nodes. */
@Entity({ name: 'template_groups' })
export class TemplateGroup {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  templates!: TemplateDefinition[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
