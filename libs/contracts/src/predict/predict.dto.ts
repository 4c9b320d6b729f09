import { IsNotEmpty, IsOptional, IsString } from 'class-validator';

/** Body of ml-api's `POST /predict`. */
export class PredictDto {
  @IsString({ message: 'message must be a non-empty string' })
  @IsNotEmpty({ message: 'message must be a non-empty string' })
  message!: string;

  /** The line's level, as the line model weighs it (TRACE … FATAL); none when absent. */
  @IsOptional()
  @IsString({ message: 'level must be a string' })
  level?: string;

  /** The service that wrote it. */
  @IsOptional()
  @IsString({ message: 'source must be a string' })
  source?: string;
}
